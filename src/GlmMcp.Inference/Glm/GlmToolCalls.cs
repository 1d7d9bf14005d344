using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Glm;

/// <summary>The text the model wrote around its tool calls, and the calls themselves.</summary>
public sealed record GlmToolCalls(string Text, IReadOnlyList<FunctionCallContent> Calls);
