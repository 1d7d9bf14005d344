using System.Text.RegularExpressions;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Makes a page of a given stack renderable offline: a <see cref="PageStacks.Tailwind"/> page gets Tailwind's browser
/// build (shipped inside this assembly) inlined at the top of its head, so no CDN is ever asked. The code the user
/// gets back is left as the model wrote it.
/// </summary>
public static partial class PageStackInjector
{
    private static readonly Lazy<string> TailwindScript = new(() =>
    {
        using var stream = typeof(PageStackInjector).Assembly.GetManifestResourceStream("GlmMcp.Core.tailwindcss-browser.js")
                           ?? throw new InvalidOperationException("The Tailwind browser build is missing from GlmMcp.Core.");
        using var reader = new StreamReader(stream);
        return "<script>" + reader.ReadToEnd() + "</script>";
    });

    /// <summary>The HTML to render for <paramref name="code"/> written in <paramref name="stack"/>.</summary>
    public static string ForRender(string code, string stack)
    {
        if (stack != PageStacks.Tailwind)
            return code;
        // CDN script tags the model writes out of habit would be blocked by the offline sandbox anyway.
        var withoutCdn = TailwindCdn().Replace(code, string.Empty);
        // Never before the doctype: that would switch the page to quirks mode.
        var anchor = HeadOpen().Match(withoutCdn);
        if (!anchor.Success)
            anchor = HtmlOpen().Match(withoutCdn);
        if (!anchor.Success)
            anchor = Doctype().Match(withoutCdn);
        var at = anchor.Success ? anchor.Index + anchor.Length : 0;
        return withoutCdn.Insert(at, TailwindScript.Value);
    }

    [GeneratedRegex(@"<script[^>]*\bsrc\s*=\s*[""'][^""']*tailwind[^""']*[""'][^>]*>\s*</script>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TailwindCdn();

    [GeneratedRegex(@"<head\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadOpen();

    [GeneratedRegex(@"<html\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlOpen();

    [GeneratedRegex(@"<!doctype[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Doctype();
}
