using System.Text.RegularExpressions;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// A model's answer to an edit in a project (docs/locate-and-edit.md, "The answer format"): at most one
/// <c>```html</c> fence with the rewritten element, and any number of <c>```css FILE</c> fences, each holding the
/// rules to replace or add in the stylesheet FILE (named as the prompt listed it).
/// </summary>
/// <param name="Html">The element's rewrite, or null when the answer leaves the HTML alone.</param>
/// <param name="Css">Stylesheet name as the model wrote it → the rules for it, in answer order.</param>
public sealed partial record EditAnswer(string? Html, IReadOnlyList<KeyValuePair<string, string>> Css)
{
    /// <summary>Reads the fences of <paramref name="visible"/> (the answer without reasoning); a bare element (no fence) counts as the HTML.</summary>
    public static EditAnswer Parse(string visible)
    {
        ArgumentNullException.ThrowIfNull(visible);
        string? html = null;
        var css = new List<KeyValuePair<string, string>>();
        foreach (Match fence in Fence().Matches(visible))
        {
            var language = fence.Groups["lang"].Value.ToLowerInvariant();
            var file = fence.Groups["file"].Value.Trim().Trim('`', '"', '\'');
            var body = fence.Groups["body"].Value.Trim();
            if (body.Length == 0)
                continue;
            if (language == "css")
                css.Add(new(file, body));
            else if (language is "html" or "" or "htm" or "xml" or "jsx" or "tsx" or "vue" or "svelte")
                html ??= body;
        }
        if (html is null && css.Count == 0)
        {
            var bare = visible.Trim();
            if (bare.StartsWith('<') && bare.EndsWith('>'))
                html = bare;
        }
        return new EditAnswer(html, css);
    }

    [GeneratedRegex(@"```(?<lang>[A-Za-z]*)[ \t]*(?<file>[^\n]*)\n(?<body>.*?)(```|\z)", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
