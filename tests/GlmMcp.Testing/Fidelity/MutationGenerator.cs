using System.Globalization;
using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;

namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// Renders corpus pages through the product's renderer, plain or with one mutation applied to the DOM just before the
/// screenshot (mutate.js: the seed picks the element, the kind says what changes), so each mutation reports the box
/// Chromium laid its element out in.
/// </summary>
public sealed class MutationGenerator(IPageRenderer renderer)
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(MutationGenerator).Assembly.GetManifestResourceStream("GlmMcp.Testing.Fidelity.mutate.js")
                           ?? throw new InvalidOperationException("mutate.js is missing from GlmMcp.Testing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly ImageDecoder _decoder = new(new ImagingOptions());

    /// <summary>The page as written.</summary>
    public async Task<RgbaImage> RenderAsync(FidelityPage page, CancellationToken cancellationToken = default)
    {
        var result = await renderer.RenderAsync(new RenderRequest { Html = page.Html, Width = page.Width, Height = page.Height }, cancellationToken).ConfigureAwait(false);
        return _decoder.Decode(result.Image, page.Name);
    }

    /// <summary>The page with one mutation; null when the page has no element the kind applies to.</summary>
    public async Task<(Mutation Mutation, RgbaImage Image)?> RenderAsync(FidelityPage page, MutationKind kind, int seed, CancellationToken cancellationToken = default)
    {
        var result = await renderer.RenderAsync(new RenderRequest
        {
            Html = page.Html,
            Width = page.Width,
            Height = page.Height,
            Script = Script.Value,
            ScriptArgument = new Dictionary<string, object> { ["kind"] = kind.Name(), ["seed"] = seed },
        }, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(result.ScriptResult ?? throw new InvalidOperationException($"mutate.js returned nothing on {page.Name}."));
        var root = json.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
            return null;
        var mutation = new Mutation(page, kind, seed, root.GetProperty("element").GetString()!, Rect(root.GetProperty("before")), Rect(root.GetProperty("after")),
            root.GetProperty("detail").GetString()!, Text(root, "from"), Text(root, "to"));
        return (mutation, _decoder.Decode(result.Image, page.Name));
    }

    /// <summary>
    /// The page's HTML with the mutation applied by an inline script at the end of its body, so the page itself carries
    /// the mistake (what a scripted engine answers with). The same seed and kind change the same element as
    /// <see cref="RenderAsync(FidelityPage, MutationKind, int, CancellationToken)"/>.
    /// </summary>
    public static string MutatedHtml(FidelityPage page, MutationKind kind, int seed)
    {
        ArgumentNullException.ThrowIfNull(page);
        var call = $"<script>({Script.Value})({{\"kind\":\"{kind.Name()}\",\"seed\":{seed.ToString(CultureInfo.InvariantCulture)}}});</script>";
        var end = page.Html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? page.Html + call : page.Html.Insert(end, call);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    /// <summary>[x, y, w, h] in CSS pixels, widened to whole pixels.</summary>
    private static PixelRect Rect(JsonElement box)
    {
        var v = box.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var x = (int)Math.Floor(v[0]);
        var y = (int)Math.Floor(v[1]);
        return new PixelRect(x, y, (int)Math.Ceiling(v[0] + v[2]) - x, (int)Math.Ceiling(v[1] + v[3]) - y);
    }

    /// <summary>The colour <paramref name="css"/> (<c>rgb(r, g, b)</c>) as its three channels.</summary>
    public static (byte R, byte G, byte B) ParseRgb(string css)
    {
        var parts = css[(css.IndexOf('(', StringComparison.Ordinal) + 1)..css.IndexOf(')', StringComparison.Ordinal)].Split(',');
        return (Channel(parts[0]), Channel(parts[1]), Channel(parts[2]));

        static byte Channel(string s) => (byte)Math.Round(double.Parse(s.Trim(), CultureInfo.InvariantCulture));
    }
}
