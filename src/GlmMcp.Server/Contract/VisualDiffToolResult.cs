using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.VisualDiffExplain;

namespace GlmMcp.Server.Contract;

/// <summary>
/// <c>visual_diff</c>'s structured result: the comparison (as the CLI prints it) plus the size of the returned diff
/// picture (none when the images are identical or none was asked for), the file it was written to and the model's
/// explanation (with <c>explain</c>).
/// </summary>
public sealed record VisualDiffToolResult(
    int Width,
    int Height,
    long DiffPixels,
    long AaPixels,
    double DiffPercent,
    bool Identical,
    IReadOnlyList<DiffRegion> Regions,
    int RegionCount,
    double ElapsedMs,
    ReturnedImage? DiffImage,
    string? WrittenPath,
    DiffExplanation? Explanation)
{
    public static VisualDiffToolResult From(VisualDiffResult result, ReturnedImage? diffImage, string? writtenPath, DiffExplanation? explanation) =>
        new(result.Width, result.Height, result.DiffPixels, result.AaPixels, result.DiffPercent, result.Identical,
            result.Regions, result.RegionCount, result.ElapsedMs, diffImage, writtenPath, explanation);
}
