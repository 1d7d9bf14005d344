using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>The comparison, the model's explanation when one was asked for, and the file the diff picture was written to.</summary>
public sealed record VisualDiffExplainResult(VisualDiffResult Diff, DiffExplanation? Explanation, string? WrittenPath);
