namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The best version the rounds produced (not the last), every round's score, and where it was saved. When no round
/// produced code, <see cref="Code"/> is null and <see cref="NoCodeReason"/> says why.
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
    string? NoCodeReason);
