namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// What one round produced: its score (null when the answer held no code), the share of changed pixels, the number
/// of changed regions, and a note (e.g. "no code in the answer", "code cut off").
/// </summary>
public sealed record RoundResult(int Round, string Kind, LayoutScore? Score, double? DiffPercent, int? Regions, string? Note, RoundTimings Timings);
