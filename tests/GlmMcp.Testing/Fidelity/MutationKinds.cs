namespace GlmMcp.Testing.Fidelity;

/// <summary>The mutation kinds by class, and their names in the mutation script and in reports.</summary>
public static class MutationKinds
{
    public static IReadOnlyList<MutationKind> Perceptible { get; } =
    [
        MutationKind.Color, MutationKind.Background, MutationKind.FontSize, MutationKind.FontWeight, MutationKind.Shift, MutationKind.Spacing,
        MutationKind.Missing, MutationKind.Extra, MutationKind.Text, MutationKind.Swap, MutationKind.Radius,
    ];

    public static IReadOnlyList<MutationKind> Imperceptible { get; } = [MutationKind.Identical, MutationKind.Subpixel, MutationKind.TinyColor];

    public static bool IsPerceptible(this MutationKind kind) => kind < MutationKind.Identical;

    /// <summary>The kebab-case name: <c>font-size</c>, <c>tiny-color</c>…</summary>
    public static string Name(this MutationKind kind) => kind switch
    {
        MutationKind.FontSize => "font-size",
        MutationKind.FontWeight => "font-weight",
        MutationKind.TinyColor => "tiny-color",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
