using System.Text;
using System.Text.RegularExpressions;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Applies a model's CSS answer to a stylesheet. Each top-level rule of the answer whose selector is already in the
/// stylesheet (whitespace aside) replaces that rule — the one at a preferred line (a matched rule shown to the model)
/// when several have that selector, else the first outside any at-rule, else the first; every other rule, and every
/// at-rule block of the answer, is appended at the end. Comments, strings and nested blocks are respected, and
/// rules inside <c>@media</c>, <c>@supports</c>, <c>@layer</c> and <c>@container</c> blocks can be replaced too.
/// </summary>
public static partial class CssRuleSplicer
{
    private static readonly HashSet<string> GroupingAtRules = new(StringComparer.OrdinalIgnoreCase) { "@media", "@supports", "@layer", "@container", "@scope" };

    /// <summary>The stylesheet with <paramref name="answer"/>'s rules replaced or appended.</summary>
    public static string Apply(string css, string answer, IReadOnlyCollection<int> preferredLines)
    {
        ArgumentNullException.ThrowIfNull(css);
        ArgumentNullException.ThrowIfNull(answer);
        var existing = Rules(css);
        var replacements = new List<(int Start, int End, string Text)>();
        var appended = new StringBuilder();
        foreach (var item in Rules(answer).Where(r => r.Depth == 0))
        {
            var text = answer[item.Start..item.End];
            var candidates = item.IsAtRule ? [] : existing.Where(r => !r.IsAtRule && r.Selector == item.Selector && !replacements.Exists(p => p.Start == r.Start)).ToList();
            var target = candidates.FirstOrDefault(r => preferredLines.Contains(r.Line)) ?? candidates.FirstOrDefault(r => r.Depth == 0) ?? candidates.FirstOrDefault();
            if (target is null)
                appended.Append('\n').Append(text).Append('\n');
            else
                replacements.Add((target.Start, target.End, text));
        }
        var result = new StringBuilder(css);
        foreach (var (start, end, text) in replacements.OrderByDescending(r => r.Start))
            result.Remove(start, end - start).Insert(start, text);
        if (appended.Length > 0)
        {
            if (result.Length > 0 && result[^1] != '\n')
                result.Append('\n');
            result.Append(appended);
        }
        return result.ToString();
    }

    /// <summary>Every rule of <paramref name="css"/>: style rules (also inside grouping at-rules) and other at-rules, in source order.</summary>
    public static IReadOnlyList<CssRuleSpan> Rules(string css)
    {
        var rules = new List<CssRuleSpan>();
        Scan(css, 0, css.Length, 0, rules);
        return rules;
    }

    private static void Scan(string css, int from, int to, int depth, List<CssRuleSpan> rules)
    {
        var i = from;
        while (i < to)
        {
            i = SkipSpaceAndComments(css, i, to);
            if (i >= to)
                return;
            if (css[i] == '}')
            {
                i++;
                continue;
            }
            var start = i;
            var (stop, found) = PreludeEnd(css, i, to);
            if (found == ';' || found == '\0')
            {
                i = stop + 1;
                continue;
            }
            var close = BlockEnd(css, stop, to);
            var prelude = css[start..stop].Trim();
            var atRule = prelude.StartsWith('@');
            rules.Add(new CssRuleSpan(Normalize(prelude), start, Math.Min(close + 1, to), LineOf(css, start), depth, atRule));
            if (atRule && GroupingAtRules.Contains(prelude.Split([' ', '\t', '\n', '\r', '('], 2)[0]))
                Scan(css, stop + 1, close, depth + 1, rules);
            i = close + 1;
        }
    }

    private static int SkipSpaceAndComments(string css, int i, int to)
    {
        while (i < to)
        {
            if (char.IsWhiteSpace(css[i]))
                i++;
            else if (i + 1 < to && css[i] == '/' && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 || end >= to ? to : end + 2;
            }
            else
                break;
        }
        return i;
    }

    /// <summary>Where the prelude at <paramref name="i"/> ends: its <c>{</c> or <c>;</c>, or <paramref name="to"/> ('\0').</summary>
    private static (int At, char Found) PreludeEnd(string css, int i, int to)
    {
        while (i < to)
        {
            var c = css[i];
            if (c is '{' or ';')
                return (i, c);
            if (c == '}')
                return (i, '\0');
            i = Skip(css, i, to);
        }
        return (to, '\0');
    }

    /// <summary>The <c>}</c> that closes the block opening at <paramref name="open"/>, or the end.</summary>
    private static int BlockEnd(string css, int open, int to)
    {
        var depth = 0;
        var i = open;
        while (i < to)
        {
            var c = css[i];
            if (c == '{')
                depth++;
            else if (c == '}' && --depth == 0)
                return i;
            i = Skip(css, i, to);
        }
        return to;
    }

    /// <summary>The index after the token at <paramref name="i"/>: a whole string or comment, else one character.</summary>
    private static int Skip(string css, int i, int to)
    {
        var c = css[i];
        if (c is '"' or '\'')
        {
            var j = i + 1;
            while (j < to && css[j] != c && css[j] != '\n')
                j += css[j] == '\\' ? 2 : 1;
            return Math.Min(j + 1, to);
        }
        if (c == '/' && i + 1 < to && css[i + 1] == '*')
        {
            var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 || end >= to ? to : end + 2;
        }
        return i + 1;
    }

    private static int LineOf(string css, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (css[i] == '\n')
                line++;
        }
        return line;
    }

    /// <summary>A selector with whitespace collapsed and none around combinators and commas.</summary>
    public static string Normalize(string selector) =>
        AroundCombinators().Replace(Spaces().Replace(selector.Trim(), " "), "$1");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*([,>+~])\s*")]
    private static partial Regex AroundCombinators();
}
