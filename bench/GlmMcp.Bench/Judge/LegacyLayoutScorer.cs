using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Bench.Judge;

/// <summary>
/// The anchor of <c>glm-mcp-bench judge</c>: screenshot_to_code's layout score before the judge (main at 1e5cf69),
/// copied unchanged but for its name — 100 × mean(pixelmatch equal share, Block, Position, CIE76 colour) — so the verb
/// prints how it separated the same corpus. Its block extraction and matching are the product's (<see cref="LayoutScorer.Blocks"/>,
/// <see cref="LayoutScorer.Match"/>), which the judge kept unchanged.
/// </summary>
internal static class LegacyLayoutScorer
{
    public static double Score(RgbaImage target, RgbaImage render, double diffPercent)
    {
        var pixel = Math.Clamp(1 - diffPercent / 100, 0, 1);
        var a = LayoutScorer.Blocks(target);
        var b = LayoutScorer.Blocks(render);
        double block, position, color;
        if (a.Count == 0 && b.Count == 0)
        {
            (block, position, color) = (1, 1, 1);
        }
        else
        {
            var matched = LayoutScorer.Match(a, b);
            long all = a.Sum(x => x.Cells) + b.Sum(x => x.Cells);
            block = all == 0 ? 1 : (double)matched.Sum(m => m.A.Cells + m.B.Cells) / all;
            position = matched.Count == 0 ? 0 : matched.Average(m => 1 - LayoutScorer.CentreDistance(m.A, m.B, target, render));
            color = matched.Count == 0 ? 0 : matched.Average(m => 1 - Math.Min(DeltaE(m.A, m.B), 100) / 100);
        }
        return Math.Round(100 * (pixel + block + position + color) / 4, 1);
    }

    private static double DeltaE(LayoutBlock a, LayoutBlock b)
    {
        var (l1, a1, b1) = Lab(a.R, a.G, a.B);
        var (l2, a2, b2) = Lab(b.R, b.G, b.B);
        return Math.Sqrt((l1 - l2) * (l1 - l2) + (a1 - a2) * (a1 - a2) + (b1 - b2) * (b1 - b2));
    }

    /// <summary>sRGB (D65) to CIELAB.</summary>
    private static (double L, double A, double B) Lab(double r, double g, double b)
    {
        static double Linear(double c)
        {
            c /= 255;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        double lr = Linear(r), lg = Linear(g), lb = Linear(b);
        var x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047;
        var y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
        var z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }
}
