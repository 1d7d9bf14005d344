using GlmMcp.Core.Imaging;

namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// One mutation as applied in Chromium: which page, kind and seed, the element it touched (its tag and its box before
/// and after, in CSS pixels), and what changed (for colours: the colour before and after, as <c>rgb(r, g, b)</c>).
/// </summary>
public sealed record Mutation(
    FidelityPage Page, MutationKind Kind, int Seed, string Element, PixelRect Before, PixelRect After, string Detail, string? From, string? To)
{
    /// <summary>The smallest rectangle holding the element before and after the change.</summary>
    public PixelRect Box
    {
        get
        {
            if (Before.IsEmpty)
                return After;
            if (After.IsEmpty)
                return Before;
            var x = Math.Min(Before.X, After.X);
            var y = Math.Min(Before.Y, After.Y);
            return new PixelRect(x, y, Math.Max(Before.Right, After.Right) - x, Math.Max(Before.Bottom, After.Bottom) - y);
        }
    }

    public override string ToString() => $"{Page.Name}/{Kind.Name()}#{Seed} <{Element}> {Detail}{(From is null ? "" : $" ({From} → {To})")}";
}
