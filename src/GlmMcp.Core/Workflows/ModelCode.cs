namespace GlmMcp.Core.Workflows;

/// <summary>Code found in a model answer; <see cref="Truncated"/> when the answer ended before the code did.</summary>
public sealed record ModelCode(string Code, bool Truncated);
