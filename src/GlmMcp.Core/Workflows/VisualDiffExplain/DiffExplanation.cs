namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>An overall assessment of a visual diff and, region by region, what changed and how much it matters.</summary>
public sealed record DiffExplanation(string Summary, IReadOnlyList<RegionExplanation> Regions);
