namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// The figures of a whole eval run. Means are over the cases that produced a page (<see cref="Completed"/>);
/// <see cref="Design"/> is the mean of the Design2Code scores over the <see cref="DesignCases"/> cases with reference HTML.
/// </summary>
/// <param name="MeanBestByRound">For each round r, the mean over completed cases of the best score reached by round r
/// (a case that stopped early keeps its last best): the run's score curve.</param>
public sealed record EvalSummary(
    int Cases,
    int Completed,
    int Failed,
    int ReachedTarget,
    double? MeanFirstScore,
    double? MeanBestScore,
    double? MeanRounds,
    IReadOnlyList<double> MeanBestByRound,
    DesignScores? Design,
    int DesignCases,
    bool Cancelled,
    double Seconds);
