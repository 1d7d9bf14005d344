using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// A prompt in GLM format: <see cref="Text"/> holds one media marker per entry of <see cref="Images"/>, in order.
/// </summary>
public sealed record GlmPrompt(string Text, IReadOnlyList<DataContent> Images, bool ThinkingEnabled);
