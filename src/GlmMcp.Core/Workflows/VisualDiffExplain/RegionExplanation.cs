using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>The model's account of one measured region: its number in the region list (1-based), severity and what changed.</summary>
public sealed record RegionExplanation(int Number, DiffRegion Region, string Severity, string Description);
