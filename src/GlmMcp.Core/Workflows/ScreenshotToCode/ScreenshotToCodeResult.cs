namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The best version the rounds produced (not the last), every round's score, and where it was saved. When no round
/// produced code, <see cref="Code"/> is null and <see cref="NoCodeReason"/> says why. <see cref="WrittenFiles"/> are
/// the project files written into the request's output folder.
/// </summary>
public sealed record ScreenshotToCodeResult(
    string? Code,
    byte[]? RenderPng,
    byte[]? DiffPng,
    LayoutScore? Score,
    int BestRound,
    IReadOnlyList<RoundResult> Rounds,
    string? SessionId,
    int? Version,
    string? WrittenPath,
    bool Cancelled,
    string? NoCodeReason,
    IReadOnlyList<string>? WrittenFiles = null);
