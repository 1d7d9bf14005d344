namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// One screenshot of the corpus: where it came from, its rounds, its best score, and — when reference HTML lay beside
/// it — the Design2Code scores of the best page against the reference. <see cref="Error"/> says what went wrong when
/// the case could not run (an unreadable image, a reference page that would not render); the other cases still ran.
/// File paths are relative to the report folder.
/// </summary>
public sealed record EvalCaseReport(
    string Name,
    string Image,
    string? Reference,
    int Width,
    int Height,
    string? Error,
    string? NoCode,
    int? BestRound,
    double? BestScore,
    bool ReachedTarget,
    IReadOnlyList<EvalRound> Rounds,
    DesignScores? Design,
    string? TargetFile,
    string? ReferenceFile,
    string? FinalFile,
    double Seconds);
