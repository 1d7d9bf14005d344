using System.Text.RegularExpressions;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// Pulls code out of a model answer: a Markdown fence (the one in the wanted language, else the longest),
/// raw HTML without a fence (GLM does this), and either of them cut off by the length limit.
/// </summary>
public static partial class CodeBlockExtractor
{
    /// <summary>Returns the code, or null when the answer holds none.</summary>
    /// <param name="preferredLanguage">Fence language to prefer (e.g. <c>html</c>); null takes the longest block.</param>
    public static ExtractedCode? Extract(string answer, string? preferredLanguage = "html")
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = GlmAnswerParser.Parse(answer).Answer;

        var blocks = FencedBlocks(text);
        if (blocks.Count > 0)
        {
            var preferred = preferredLanguage is null
                ? null
                : blocks.Where(b => string.Equals(b.Language, preferredLanguage, StringComparison.OrdinalIgnoreCase))
                    .MaxBy(b => b.Code.Length);
            return preferred ?? blocks.MaxBy(b => b.Code.Length);
        }

        return RawHtml(text);
    }

    private static List<ExtractedCode> FencedBlocks(string text)
    {
        var blocks = new List<ExtractedCode>();
        var position = 0;
        while (true)
        {
            var open = Fence().Match(text, position);
            if (!open.Success)
                break;
            var language = open.Groups["lang"].Value;
            var bodyStart = open.Index + open.Length;
            var close = ClosingFence().Match(text, bodyStart);
            if (!close.Success)
            {
                blocks.Add(new ExtractedCode(text[bodyStart..].TrimEnd(), NullIfEmpty(language), Fenced: true, Truncated: true));
                break;
            }

            var body = text[bodyStart..close.Index];
            blocks.Add(new ExtractedCode(body.TrimEnd('\n', '\r'), NullIfEmpty(language), Fenced: true, Truncated: false));
            position = close.Index + close.Length;
        }

        return blocks;
    }

    private static ExtractedCode? RawHtml(string text)
    {
        var start = HtmlStart().Match(text);
        if (!start.Success)
            return null;
        var end = text.LastIndexOf("</html>", StringComparison.OrdinalIgnoreCase);
        return end < start.Index
            ? new ExtractedCode(text[start.Index..].TrimEnd(), "html", Fenced: false, Truncated: true)
            : new ExtractedCode(text[start.Index..(end + "</html>".Length)], "html", Fenced: false, Truncated: false);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    [GeneratedRegex(@"^[ \t]*```[ \t]*(?<lang>[\w+#.-]*)[^\n]*\n", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Fence();

    [GeneratedRegex(@"^[ \t]*```[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ClosingFence();

    [GeneratedRegex(@"<!DOCTYPE\s+html|<html[\s>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlStart();
}
