using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Local;

/// <summary>How a local generation ended and what it cost.</summary>
internal sealed record LocalGenerationOutcome(ChatFinishReason FinishReason, LocalGenerationStats Stats);
