using System.Diagnostics;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// How one round's render compares with the target: the pixel diff (with its overlay picture for the model) and the
/// judge's score. The two only read the images, so they run side by side: the round waits for the slower one, not
/// for both. Times are milliseconds; <see cref="WallMs"/> is what the round waited.
/// </summary>
public sealed record RenderComparison(VisualDiffResult Diff, LayoutScore Score, double DiffMs, double ScoreMs, double WallMs)
{
    /// <summary>The refine loop's diff: a render of another size is scaled to the target's, with the overlay picture.</summary>
    public static VisualDiffOptions DiffOptions { get; } = new() { SizeMismatch = SizeMismatchMode.Resize, DiffImage = DiffImageKind.Overlay };

    /// <summary>Diffs and scores <paramref name="render"/> against the prepared target, side by side.</summary>
    public static async Task<RenderComparison> CompareAsync(VisualDiffer differ, LayoutTarget target, RgbaImage render)
    {
        ArgumentNullException.ThrowIfNull(differ);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(render);
        var started = Stopwatch.GetTimestamp();
        var scoring = Task.Run(() =>
        {
            var clock = Stopwatch.GetTimestamp();
            var scaled = render.Width == target.Image.Width && render.Height == target.Image.Height
                ? render
                : ImageScaler.Resize(render, target.Image.Width, target.Image.Height);
            return (Score: LayoutScorer.Score(target, scaled), Ms: Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
        });
        VisualDiffResult diff;
        double diffMs;
        try
        {
            var clock = Stopwatch.GetTimestamp();
            diff = differ.Diff(target.Image, render, DiffOptions);
            diffMs = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        }
        catch
        {
            // The judge is not left running unobserved when the diff fails.
            await ((Task)scoring).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        var (score, scoreMs) = await scoring.ConfigureAwait(false);
        return new RenderComparison(diff, score, diffMs, scoreMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
