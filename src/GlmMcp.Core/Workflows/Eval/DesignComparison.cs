using System.Globalization;
using System.Text.Json;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// Design2Code-style comparison of two rendered pages (Si et al., 2024): the visible text runs of each DOM, paired by
/// text similarity (greedily, best pair first, at least <see cref="MinSimilarity"/>), give Block-Match, Text, Position
/// and Color; Visual comes from the judge.
/// </summary>
internal static class DesignComparison
{
    public const double MinSimilarity = 0.5;

    /// <summary>Longest text compared per block; longer runs are compared on their start.</summary>
    private const int MaxTextChars = 160;

    /// <summary>
    /// Run on the loaded page before the screenshot: every non-empty text node inside the viewport whose element is
    /// visible, with its box (CSS pixels) and its element's computed colour, and the viewport's size.
    /// </summary>
    public const string Script = """
        () => {
          const blocks = [];
          const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE']);
          const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.replace(/\s+/g, ' ').trim();
            const element = node.parentElement;
            if (!text || !element || skip.has(element.tagName)) continue;
            const style = getComputedStyle(element);
            if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
            range.selectNodeContents(node);
            const r = range.getBoundingClientRect();
            if (r.width < 1 || r.height < 1 || r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) continue;
            blocks.push([text.slice(0, 500), r.left, r.top, r.width, r.height, style.color]);
          }
          return JSON.stringify({ width: innerWidth, height: innerHeight, blocks });
        }
        """;

    /// <summary>The text blocks and viewport size <see cref="Script"/> returned.</summary>
    public static (IReadOnlyList<TextBlock> Blocks, int Width, int Height) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var blocks = new List<TextBlock>();
        foreach (var item in root.GetProperty("blocks").EnumerateArray())
        {
            var (r, g, b) = ParseColor(item[5].GetString() ?? string.Empty);
            blocks.Add(new TextBlock(item[0].GetString() ?? string.Empty, item[1].GetDouble(), item[2].GetDouble(), item[3].GetDouble(), item[4].GetDouble(), r, g, b));
        }
        return (blocks, root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32());
    }

    /// <summary>Block-Match, Text, Position and Color of <paramref name="render"/> against <paramref name="reference"/>, with <paramref name="visual"/> beside them.</summary>
    public static DesignScores Compare(IReadOnlyList<TextBlock> reference, (int Width, int Height) referencePage,
        IReadOnlyList<TextBlock> render, (int Width, int Height) renderPage, double visual)
    {
        if (reference.Count == 0 && render.Count == 0)
            return new DesignScores(1, 1, 1, 1, Round(visual), 0, 0, 0);
        var pairs = new List<(int A, int B, double Similarity)>();
        for (var i = 0; i < reference.Count; i++)
        {
            for (var j = 0; j < render.Count; j++)
            {
                var similarity = Similarity(reference[i].Text, render[j].Text);
                if (similarity >= MinSimilarity)
                    pairs.Add((i, j, similarity));
            }
        }
        // Best pairs first; among equally similar ones (repeated labels), the closest.
        pairs.Sort((p, q) => q.Similarity != p.Similarity
            ? q.Similarity.CompareTo(p.Similarity)
            : Distance(reference[p.A], referencePage, render[p.B], renderPage).CompareTo(Distance(reference[q.A], referencePage, render[q.B], renderPage)));
        var usedA = new bool[reference.Count];
        var usedB = new bool[render.Count];
        var matched = new List<(TextBlock A, TextBlock B, double Similarity)>();
        foreach (var (a, b, similarity) in pairs)
        {
            if (usedA[a] || usedB[b])
                continue;
            usedA[a] = usedB[b] = true;
            matched.Add((reference[a], render[b], similarity));
        }
        var all = reference.Sum(x => x.Area) + render.Sum(x => x.Area);
        var blockMatch = all <= 0 ? 0 : matched.Sum(m => m.A.Area + m.B.Area) / all;
        var text = matched.Count == 0 ? 0 : matched.Average(m => m.Similarity);
        var position = matched.Count == 0 ? 0 : matched.Average(m => 1 - Distance(m.A, referencePage, m.B, renderPage));
        var color = matched.Count == 0 ? 0 : matched.Average(m => 1 - Math.Min(ColorDifference.Ciede2000(m.A.R, m.A.G, m.A.B, m.B.R, m.B.G, m.B.B), 100) / 100);
        return new DesignScores(Round(blockMatch), Round(text), Round(position), Round(color), Round(visual), reference.Count, render.Count, matched.Count);
    }

    /// <summary>2 × the longest common subsequence / the sum of the lengths (1 for equal texts, 0 for nothing in common).</summary>
    public static double Similarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
            return 1;
        if (a.Length > MaxTextChars)
            a = a[..MaxTextChars];
        if (b.Length > MaxTextChars)
            b = b[..MaxTextChars];
        var total = a.Length + b.Length;
        if (total == 0 || 2.0 * Math.Min(a.Length, b.Length) / total < MinSimilarity)
            return 0;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var ca in a)
        {
            for (var j = 1; j <= b.Length; j++)
                current[j] = ca == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return 2.0 * previous[b.Length] / total;
    }

    /// <summary>The larger of the horizontal and vertical distance of the centres, each as a share of its page's size (0–1).</summary>
    private static double Distance(TextBlock a, (int Width, int Height) pageA, TextBlock b, (int Width, int Height) pageB)
    {
        var dx = Math.Abs((a.X + a.Width / 2) / Math.Max(1, pageA.Width) - (b.X + b.Width / 2) / Math.Max(1, pageB.Width));
        var dy = Math.Abs((a.Y + a.Height / 2) / Math.Max(1, pageA.Height) - (b.Y + b.Height / 2) / Math.Max(1, pageB.Height));
        return Math.Min(1, Math.Max(dx, dy));
    }

    /// <summary><c>rgb(r, g, b)</c> or <c>rgba(r, g, b, a)</c> as computed styles give it; black for anything else.</summary>
    private static (byte R, byte G, byte B) ParseColor(string css)
    {
        var open = css.IndexOf('(', StringComparison.Ordinal);
        var close = css.IndexOf(')', StringComparison.Ordinal);
        if (open < 0 || close < open)
            return (0, 0, 0);
        var parts = css[(open + 1)..close].Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 3 ? ((byte)0, (byte)0, (byte)0) : (Channel(parts[0]), Channel(parts[1]), Channel(parts[2]));

        static byte Channel(string s) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? (byte)Math.Clamp(Math.Round(v), 0, 255) : (byte)0;
    }

    private static double Round(double value) => Math.Round(value, 4);
}
