namespace GlmMcp.Core.Workflows.Eval;

/// <summary>The screenshot_to_code settings every case of an eval ran with.</summary>
public sealed record EvalSettings(string Stack, int MaxRounds, double TargetScore, double DeviceScaleFactor, string? Instructions);
