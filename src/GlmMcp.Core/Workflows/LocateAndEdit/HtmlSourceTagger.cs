using System.Text;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Marks each element of an HTML source with the span of its own source text (<c>data-glm-src="start-end"</c>), so
/// an element found in the rendered page leads back to the exact characters that made it. The tokenizer is tolerant
/// the way real pages and model output need: comments, doctype and processing instructions are skipped, the bodies of
/// <c>script</c>/<c>style</c>/<c>textarea</c>/<c>title</c> are raw text, quoted attribute values may contain
/// <c>&gt;</c>, void and self-closing elements have no end tag, a few elements close implicitly as in the HTML
/// parsing rules (<c>p</c>, <c>li</c>, table cells, <c>option</c>), stray end tags are ignored and anything left open
/// ends where the source ends. Elements of <c>head</c> and non-rendered ones are not tagged.
/// </summary>
public static class HtmlSourceTagger
{
    public const string Attribute = "data-glm-src";

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    private static readonly HashSet<string> NotRendered = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "script", "style", "title", "meta", "link", "base", "template", "noscript", "noembed", "noframes",
    };

    /// <summary>Start tags that close an open <c>p</c> (HTML parsing rules, "in body" insertion mode).</summary>
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p",
        "pre", "section", "table", "ul",
    };

    public static TaggedHtml Tag(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var elements = new List<Open>();
        var stack = new List<int>();
        var i = 0;
        while (i < source.Length)
        {
            var lt = source.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= source.Length)
                break;
            var next = source[lt + 1];
            if (string.CompareOrdinal(source, lt, "<!--", 0, 4) == 0)
            {
                var close = source.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = close < 0 ? source.Length : close + 3;
            }
            else if (next is '!' or '?')
            {
                var close = source.IndexOf('>', lt + 2);
                i = close < 0 ? source.Length : close + 1;
            }
            else if (next == '/' && lt + 2 < source.Length && char.IsAsciiLetter(source[lt + 2]))
            {
                var nameEnd = NameEnd(source, lt + 2);
                var name = source[(lt + 2)..nameEnd];
                var close = source.IndexOf('>', nameEnd);
                var end = close < 0 ? source.Length : close + 1;
                CloseNamed(elements, stack, name, lt, end, source);
                i = end;
            }
            else if (char.IsAsciiLetter(next))
            {
                i = StartTag(source, lt, elements, stack);
            }
            else
            {
                i = lt + 1;
            }
        }
        while (stack.Count > 0)
            CloseTop(elements, stack, TrimEndBefore(source, source.Length));

        var tagged = new List<SourceElement>();
        var html = new StringBuilder(source.Length + elements.Count * 28);
        var copied = 0;
        foreach (var e in elements)
        {
            if (!e.Tagged)
                continue;
            var element = new SourceElement(tagged.Count, e.Tag, e.Start, e.End, ParentIndex(elements, e), e.Depth);
            e.TaggedIndex = element.Index;
            tagged.Add(element);
            html.Append(source, copied, e.NameEnd - copied).Append(' ').Append(Attribute).Append("=\"").Append(element.Span).Append('"');
            copied = e.NameEnd;
        }
        html.Append(source, copied, source.Length - copied);
        return new TaggedHtml(source, html.ToString(), tagged);
    }

    /// <summary>Parses the start tag at <paramref name="lt"/> and returns where scanning continues.</summary>
    private static int StartTag(string source, int lt, List<Open> elements, List<int> stack)
    {
        var nameEnd = NameEnd(source, lt + 1);
        var name = source[(lt + 1)..nameEnd].ToLowerInvariant();
        var (tagEnd, selfClosing) = TagEnd(source, nameEnd);

        CloseImplied(elements, stack, name, TrimEndBefore(source, lt));
        var parent = stack.Count > 0 ? elements[stack[^1]] : null;
        var inHead = parent is not null && (parent.InHead || parent.Tag == "head");
        var element = new Open(name, lt, nameEnd, stack.Count > 0 ? stack[^1] : -1, stack.Count)
        {
            InHead = inHead,
            Tagged = !inHead && !NotRendered.Contains(name),
        };
        elements.Add(element);

        if (selfClosing || Void.Contains(name))
        {
            element.End = tagEnd;
            return tagEnd;
        }
        if (RawText.Contains(name))
        {
            var close = IndexOfEndTag(source, name, tagEnd);
            if (close < 0)
            {
                element.End = source.Length;
                return source.Length;
            }
            var gt = source.IndexOf('>', close);
            element.End = gt < 0 ? source.Length : gt + 1;
            return element.End;
        }
        stack.Add(elements.Count - 1);
        return tagEnd;
    }

    /// <summary>The end of a start tag whose name ends at <paramref name="i"/>: after its <c>&gt;</c>, quotes respected.</summary>
    private static (int End, bool SelfClosing) TagEnd(string source, int i)
    {
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '>')
                return (i + 1, false);
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '>')
                return (i + 2, true);
            if (c is '"' or '\'' && i > 0 && IsValueStart(source, i))
            {
                var close = source.IndexOf(c, i + 1);
                if (close < 0)
                    return (source.Length, false);
                i = close + 1;
                continue;
            }
            i++;
        }
        return (source.Length, false);
    }

    /// <summary>A quote opens a value only right after <c>=</c> (whitespace allowed), not inside a name or an unquoted value.</summary>
    private static bool IsValueStart(string source, int quote)
    {
        var j = quote - 1;
        while (j > 0 && char.IsWhiteSpace(source[j]))
            j--;
        return source[j] == '=';
    }

    private static int NameEnd(string source, int i)
    {
        while (i < source.Length && !char.IsWhiteSpace(source[i]) && source[i] is not ('>' or '/'))
            i++;
        return i;
    }

    private static int IndexOfEndTag(string source, string name, int from)
    {
        var i = from;
        while (true)
        {
            var lt = source.IndexOf("</", i, StringComparison.Ordinal);
            if (lt < 0)
                return -1;
            var after = lt + 2 + name.Length;
            if (string.Compare(source, lt + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
                (after >= source.Length || char.IsWhiteSpace(source[after]) || source[after] is '>' or '/'))
                return lt;
            i = lt + 2;
        }
    }

    private static void CloseImplied(List<Open> elements, List<int> stack, string name, int at)
    {
        if (stack.Count == 0)
            return;
        var top = elements[stack[^1]].Tag;
        var closes = name switch
        {
            "li" => top == "li",
            "dt" or "dd" => top is "dt" or "dd",
            "td" or "th" => top is "td" or "th",
            "tr" => top is "td" or "th" or "tr",
            "option" => top == "option",
            _ => false,
        };
        if (closes || (top == "p" && ClosesParagraph.Contains(name)))
        {
            CloseTop(elements, stack, at);
            if (name == "tr" && stack.Count > 0 && elements[stack[^1]].Tag == "tr")
                CloseTop(elements, stack, at);
        }
    }

    private static void CloseNamed(List<Open> elements, List<int> stack, string name, int lt, int end, string source)
    {
        for (var s = stack.Count - 1; s >= 0; s--)
        {
            if (!string.Equals(elements[stack[s]].Tag, name, StringComparison.OrdinalIgnoreCase))
                continue;
            var implied = TrimEndBefore(source, lt);
            while (stack.Count - 1 > s)
                CloseTop(elements, stack, implied);
            CloseTop(elements, stack, end);
            return;
        }
    }

    private static void CloseTop(List<Open> elements, List<int> stack, int end)
    {
        var element = elements[stack[^1]];
        element.End = Math.Max(end, element.NameEnd);
        stack.RemoveAt(stack.Count - 1);
    }

    private static int TrimEndBefore(string source, int at)
    {
        while (at > 0 && char.IsWhiteSpace(source[at - 1]))
            at--;
        return at;
    }

    /// <summary>The nearest tagged ancestor's index among the tagged elements, or -1.</summary>
    private static int ParentIndex(List<Open> elements, Open element)
    {
        var parent = element.Parent;
        while (parent >= 0)
        {
            var open = elements[parent];
            if (open.Tagged)
                return open.TaggedIndex;
            parent = open.Parent;
        }
        return -1;
    }

    private sealed class Open(string tag, int start, int nameEnd, int parent, int depth)
    {
        public string Tag { get; } = tag;

        public int Start { get; } = start;

        public int NameEnd { get; } = nameEnd;

        public int Parent { get; } = parent;

        public int Depth { get; } = depth;

        public int End { get; set; }

        public bool InHead { get; init; }

        public bool Tagged { get; init; }

        public int TaggedIndex { get; set; } = -1;
    }
}
