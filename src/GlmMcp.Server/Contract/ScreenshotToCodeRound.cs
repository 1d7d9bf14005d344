namespace GlmMcp.Server.Contract;

/// <summary>One round of <c>screenshot_to_code</c>: its kind (generate/refine), layout score 0–100, diff and a note.</summary>
public sealed record ScreenshotToCodeRound(int Round, string Kind, double? Score, double? DiffPercent, int? Regions, string? Note);
