namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>Where a round spent its time, in milliseconds; everything but <see cref="ModelMs"/> is the workflow's own cost.</summary>
public sealed record RoundTimings(double PromptMs, double ModelMs, double ExtractMs, double RenderMs, double DiffMs, double ScoreMs)
{
    /// <summary>Time outside the model: prompt building, code extraction, render, diff and score.</summary>
    public double OutsideModelMs => PromptMs + ExtractMs + RenderMs + DiffMs + ScoreMs;
}
