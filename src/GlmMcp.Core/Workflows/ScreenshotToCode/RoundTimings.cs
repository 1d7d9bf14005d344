namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Where a round spent its time, in milliseconds; everything but <see cref="ModelMs"/> is the workflow's own cost.
/// The pixel diff (<see cref="DiffMs"/>) and the score (<see cref="ScoreMs"/>) run side by side; <see cref="CompareMs"/>
/// is the wall-clock time of the two together.
/// </summary>
public sealed record RoundTimings(double PromptMs, double ModelMs, double ExtractMs, double RenderMs, double DiffMs, double ScoreMs, double CompareMs)
{
    /// <summary>Time outside the model: prompt building, code extraction, render, and the diff and score together.</summary>
    public double OutsideModelMs => PromptMs + ExtractMs + RenderMs + CompareMs;
}
