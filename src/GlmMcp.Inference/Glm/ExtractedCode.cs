namespace GlmMcp.Inference.Glm;

/// <summary>
/// Code found in a model answer. <see cref="Fenced"/>: it came from a Markdown fence (otherwise raw HTML in the
/// text). <see cref="Truncated"/>: the fence or the document never closed (the answer hit its length limit).
/// </summary>
public sealed record ExtractedCode(string Code, string? Language, bool Fenced, bool Truncated);
