namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Finds where an element written in a source file ends — JSX, a Vue or Svelte template, or plain HTML — from the
/// <c>&lt;</c> of its start tag: the start tag ends at the first <c>&gt;</c> (or <c>/&gt;</c>) outside quotes and
/// <c>{…}</c> expressions, void HTML elements end there, and otherwise the element ends after the end tag that
/// closes it, nested elements of the same name counted and <c>{…}</c> expressions in the content skipped.
/// </summary>
public static class MarkupElementSpan
{
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    /// <summary>The name of the element whose start tag begins at <paramref name="start"/>, or null when none does.</summary>
    public static string? NameAt(string text, int start)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0 || start + 1 >= text.Length || text[start] != '<' || !char.IsAsciiLetter(text[start + 1]))
            return null;
        var i = start + 1;
        while (i < text.Length && IsNameChar(text[i]))
            i++;
        return text[(start + 1)..i];
    }

    /// <summary>The index just after the element that starts at <paramref name="start"/>, or -1 when it does not close.</summary>
    public static int End(string text, int start)
    {
        var name = NameAt(text, start) ?? throw new ArgumentException("No start tag there.", nameof(start));
        var (tagEnd, selfClosing) = StartTagEnd(text, start + 1 + name.Length);
        if (tagEnd < 0)
            return -1;
        if (selfClosing || Void.Contains(name))
            return tagEnd;
        var nest = 1;
        var i = tagEnd;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{')
            {
                i = SkipBraces(text, i);
                continue;
            }
            if (c == '<' && i + 1 < text.Length && text[i + 1] == '/' && Matches(text, i + 2, name))
            {
                var close = text.IndexOf('>', i);
                if (close < 0)
                    return -1;
                if (--nest == 0)
                    return close + 1;
                i = close + 1;
                continue;
            }
            if (c == '<' && Matches(text, i + 1, name))
            {
                var (innerEnd, innerSelfClosing) = StartTagEnd(text, i + 1 + name.Length);
                if (innerEnd < 0)
                    return -1;
                if (!innerSelfClosing)
                    nest++;
                i = innerEnd;
                continue;
            }
            i++;
        }
        return -1;
    }

    private static (int End, bool SelfClosing) StartTagEnd(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                    return (-1, false);
                i = close + 1;
                continue;
            }
            if (c == '{')
            {
                i = SkipBraces(text, i);
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '>')
                return (i + 2, true);
            if (c == '>')
                return (i + 1, false);
            i++;
        }
        return (-1, false);
    }

    /// <summary>The index after the <c>}</c> that balances the <c>{</c> at <paramref name="i"/>, strings and template literals skipped.</summary>
    private static int SkipBraces(string text, int i)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                var j = i + 1;
                while (j < text.Length && text[j] != c)
                    j += text[j] == '\\' ? 2 : 1;
                i = j + 1;
                continue;
            }
            if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
                return i + 1;
            i++;
        }
        return text.Length;
    }

    private static bool Matches(string text, int at, string name) =>
        at + name.Length <= text.Length && string.CompareOrdinal(text, at, name, 0, name.Length) == 0
        && (at + name.Length == text.Length || !IsNameChar(text[at + name.Length]));

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':' or '_';
}
