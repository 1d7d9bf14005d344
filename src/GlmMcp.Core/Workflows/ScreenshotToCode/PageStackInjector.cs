using System.Text.RegularExpressions;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Makes a page of a given stack renderable offline, with the libraries it needs shipped inside this assembly
/// (<see cref="VendoredScripts"/>), so no CDN is ever asked: a <see cref="PageStacks.Tailwind"/> page gets Tailwind's
/// browser build inlined at the top of its head; a <see cref="PageStacks.React"/> component and a
/// <see cref="PageStacks.Vue"/> single-file component are rendered by a page made around them
/// (<see cref="ReactPageHarness"/>, <see cref="VuePageHarness"/>). The code the user gets back is left as the model
/// wrote it.
/// </summary>
public static partial class PageStackInjector
{
    /// <summary>The HTML to render for <paramref name="code"/> written in <paramref name="stack"/>.</summary>
    public static string ForRender(string code, string stack) => stack switch
    {
        PageStacks.Tailwind => WithTailwind(code),
        PageStacks.React => ReactPageHarness.Page(code),
        PageStacks.Vue => VuePageHarness.Page(code),
        _ => code,
    };

    /// <summary>
    /// <paramref name="code"/> without the Tailwind CDN script tags the model writes out of habit (the offline sandbox
    /// would block them anyway) and with <paramref name="tag"/> at the top of its head.
    /// </summary>
    internal static string IntoHead(string code, string tag)
    {
        var withoutCdn = TailwindCdn().Replace(code, string.Empty);
        // Never before the doctype: that would switch the page to quirks mode.
        var anchor = HeadOpen().Match(withoutCdn);
        if (!anchor.Success)
            anchor = HtmlOpen().Match(withoutCdn);
        if (!anchor.Success)
            anchor = Doctype().Match(withoutCdn);
        var at = anchor.Success ? anchor.Index + anchor.Length : 0;
        return withoutCdn.Insert(at, tag);
    }

    private static string WithTailwind(string code) => IntoHead(code, VendoredScripts.Inline(VendoredScripts.Tailwind));

    [GeneratedRegex(@"<script[^>]*\bsrc\s*=\s*[""'][^""']*tailwind[^""']*[""'][^>]*>\s*</script>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TailwindCdn();

    [GeneratedRegex(@"<head\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadOpen();

    [GeneratedRegex(@"<html\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlOpen();

    [GeneratedRegex(@"<!doctype[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Doctype();
}
