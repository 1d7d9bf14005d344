namespace GlmMcp.Inference.Glm;

/// <summary>
/// A model answer split in two: <see cref="Answer"/> (box markers stripped, what the caller gets) and
/// <see cref="Thinking"/> (the <c>&lt;think&gt;</c> text, for logs only; null when there was none).
/// <see cref="ThinkingTruncated"/> is true when generation stopped inside the thinking.
/// </summary>
public sealed record GlmAnswer(string Answer, string? Thinking, bool ThinkingTruncated);
