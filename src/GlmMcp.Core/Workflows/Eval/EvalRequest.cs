namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// One <c>glm-mcp eval</c> run: every screenshot in <see cref="Corpus"/> (at most <see cref="Limit"/>, by name) goes
/// through screenshot_to_code with these settings, and the report is written to <see cref="OutputFolder"/>.
/// Both folders are absolute and already allowed.
/// </summary>
public sealed record EvalRequest(
    string Corpus,
    string OutputFolder,
    string Stack,
    int MaxRounds,
    double TargetScore,
    double DeviceScaleFactor,
    int? Limit,
    string? Instructions);
