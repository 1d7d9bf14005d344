using System.Diagnostics;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Bench.Micro;

/// <summary>
/// A refine round's comparison as it was before <see cref="RenderComparison.CompareAsync"/>: the pixel diff, then the
/// score, one after the other. The anchor of <c>bench code</c> and <see cref="CompareBenchmarks"/>.
/// </summary>
internal static class InTurnComparison
{
    public static RenderComparison Compare(VisualDiffer differ, LayoutTarget target, RgbaImage render)
    {
        var started = Stopwatch.GetTimestamp();
        var diff = differ.Diff(target.Image, render, RenderComparison.DiffOptions);
        var diffMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var clock = Stopwatch.GetTimestamp();
        var scaled = render.Width == target.Image.Width && render.Height == target.Image.Height
            ? render
            : ImageScaler.Resize(render, target.Image.Width, target.Image.Height);
        var score = LayoutScorer.Score(target, scaled);
        var scoreMs = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        return new RenderComparison(diff, score, diffMs, scoreMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
