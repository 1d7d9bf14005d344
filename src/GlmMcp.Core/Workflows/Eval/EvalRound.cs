using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// One round of one eval case: the judge's score of its render against the screenshot (null when the answer held no
/// code or the page did not render) with its parts, the named differences (the first 12), and the files it left under
/// the report folder (paths relative to it).
/// </summary>
public sealed record EvalRound(
    int Round,
    string Kind,
    double? Score,
    double? Pixel,
    double? Block,
    double? Position,
    double? Color,
    double? DiffPercent,
    int DifferenceCount,
    IReadOnlyList<LayoutDifference> Differences,
    string? Note,
    string? Code,
    string? Render,
    string? Diff);
