using GlmMcp.Core.Security;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// One screenshot to take. Exactly one of <see cref="Html"/>, <see cref="FilePath"/> and <see cref="Url"/> is set.
/// Sizes are CSS pixels; the image is <see cref="DeviceScaleFactor"/> times larger.
/// </summary>
public sealed record RenderRequest
{
    /// <summary>Largest edge, in image pixels, that Chromium captures in one piece (its maximum texture size).</summary>
    public const int MaxImageEdge = 16384;

    public const double MinDeviceScaleFactor = 0.1;
    public const double MaxDeviceScaleFactor = 4;
    public const int MaxWaitForMs = 10_000;

    /// <summary>HTML text; it loads offline: every request except <c>data:</c> and <c>blob:</c> is blocked.</summary>
    public string? Html { get; init; }

    /// <summary>An HTML file; it and everything it loads must lie under <see cref="Roots"/>.</summary>
    public string? FilePath { get; init; }

    /// <summary>An http(s) URL the <see cref="UrlPolicy"/> allows (loopback unless allow-listed).</summary>
    public string? Url { get; init; }

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 800;

    /// <summary>Capture the whole scrollable page instead of the viewport (up to <see cref="MaxImageEdge"/> pixels tall).</summary>
    public bool FullPage { get; init; }

    public double DeviceScaleFactor { get; init; } = 1;

    /// <summary>Extra wait after the load event, for animations or late scripts.</summary>
    public int WaitForMs { get; init; }

    public RenderFormat Format { get; init; } = RenderFormat.Png;

    /// <summary>JPEG quality 1–100 (default 80); ignored for PNG.</summary>
    public int? Quality { get; init; }

    /// <summary>
    /// A JavaScript function run on the loaded page just before the screenshot, given <see cref="ScriptArgument"/>. It
    /// returns a string, which comes back as <see cref="RenderResult.ScriptResult"/> (locate_and_edit reads the
    /// elements' boxes this way, from the very page it screenshots).
    /// </summary>
    public string? Script { get; init; }

    /// <summary>The argument <see cref="Script"/> is called with (sent as JSON); null for none.</summary>
    public object? ScriptArgument { get; init; }

    /// <summary>The folders file renders may read (MCP client roots, or the server's configured roots).</summary>
    public AllowedRoots? Roots { get; init; }

    /// <summary>
    /// For a <see cref="FilePath"/> render: text served in place of files the page loads, by real path (the page
    /// itself, a stylesheet), so an edit can be rendered in its project before it is written. Every other file comes
    /// from disk as usual; an override is served only for a request the sandbox allows.
    /// </summary>
    public IReadOnlyDictionary<string, string>? FileOverrides { get; init; }

    /// <summary>
    /// Chooses, from what <see cref="Script"/> returned, the CSS selector of one element whose matched style rules are
    /// then read from Chromium's CSS domain on the same page (null: none); they come back as
    /// <see cref="RenderResult.MatchedRules"/>. One render both measures the page and reads the rules of the element
    /// the measurement picks.
    /// </summary>
    public Func<string?, string?>? MatchedRulesFor { get; init; }
}
