using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// One run of the main job. <see cref="Width"/>/<see cref="Height"/> are the CSS viewport; renders are
/// <see cref="DeviceScaleFactor"/> times larger and are compared with <see cref="Target"/>.
/// </summary>
/// <param name="OutputPath">An absolute path already checked against the allowed roots; the best code is written there.</param>
/// <param name="SessionId">Continue this session: its current code is the starting point.</param>
/// <param name="OutputProject">Also write the best page as a small project into this folder.</param>
public sealed record ScreenshotToCodeRequest(
    RgbaImage Target,
    string? Instructions,
    string Stack,
    int Width,
    int Height,
    double DeviceScaleFactor,
    int MaxRounds,
    double TargetScore,
    string? OutputPath,
    string? SessionId,
    ProjectOutput? OutputProject = null)
{
    public const int MinRounds = 1;
    public const int MaxAllowedRounds = 10;
    public const int DefaultRounds = 3;
    public const double DefaultTargetScore = 95;

    /// <summary>Throws <see cref="UserInputException"/> for the first invalid argument.</summary>
    public void Validate()
    {
        if (MaxRounds is < MinRounds or > MaxAllowedRounds)
            throw new UserInputException($"'max_rounds' must be between {MinRounds} and {MaxAllowedRounds}, got {MaxRounds}.");
        if (!(TargetScore >= 0 && TargetScore <= 100))
            throw new UserInputException($"'target_score' must be between 0 and 100, got {TargetScore}.");
        if (!PageStacks.IsKnown(Stack))
            throw new UserInputException($"'stack' must be one of {string.Join(", ", PageStacks.All)}, got '{InputEcho.Truncate(Stack)}'.");
    }
}
