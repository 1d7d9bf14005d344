namespace GlmMcp.Server.Contract;

/// <summary>
/// The descriptions of arguments that the MCP tools and the CLI verbs share, written once: a tool's schema and a
/// verb's <c>--help</c> say the same thing. Ranges and defaults are not repeated here: the schema carries them as
/// <c>minimum</c>/<c>maximum</c>/<c>default</c>, the CLI shows its defaults, and a value out of range is refused
/// with the range.
/// </summary>
public static class ArgumentText
{
    public const string ImageSource = "(path, loopback URL, data: URI or base64)";

    public const string Before = "The reference image " + ImageSource + ".";

    public const string After = "The image to check against it " + ImageSource + ".";

    public const string Threshold = "Colour tolerance from 0 to 1; lower is stricter.";

    public const string IncludeAntialiasing = "Count anti-aliased pixels as changes (otherwise counted apart as aaPixels).";

    public const string SizeMismatch = "When sizes differ: fail, pad (extra area counts as changed) or resize (after to before's size).";

    public const string MergeDistance = "Changed pixels at most this many pixels apart form one region.";

    public const string ViewportWidth = "Viewport width in CSS pixels.";

    public const string ViewportHeight = "Viewport height in CSS pixels.";

    public const string FullPage = "Capture the whole scrollable page.";

    public const string DeviceScaleFactor = "Device pixels per CSS pixel (2 for a retina screenshot).";

    public const string WaitForMs = "Extra milliseconds to wait after the load event.";

    public const string Rounds = "Rounds of generate/refine.";

    public const string TargetScore = "Stop early once the layout score (0–100) reaches this.";

    public const string Stack = "html: one HTML file, inline CSS/JS; tailwind: HTML with Tailwind utility classes; react: one React 18 component, App.jsx; " +
                                "vue: one Vue 3 single-file component, App.vue (libraries are provided offline at render time).";

    public const string OutputDir = "Also write the best page as a small project into this folder under the allowed roots: index.html + styles.css " +
                                    "(html, tailwind), or a Vite project with src/App.jsx or src/App.vue (react, vue). Overwrites those files.";

    public const string Instructions = "Extra wishes, e.g. \"use a dark theme\".";

    public const string MaxImageSide = "Longest side of returned images in pixels (default 1568; 0: full size).";
}
