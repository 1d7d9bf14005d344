namespace GlmMcp.Core.Workflows.Eval;

/// <summary>One screenshot of an eval corpus, and the reference HTML beside it (same base name, <c>.html</c>) when there is one.</summary>
/// <param name="Name">The screenshot's file name without its extension.</param>
public sealed record EvalCaseSource(string Name, string ImagePath, string? ReferencePath);
