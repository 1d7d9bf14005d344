namespace GlmMcp.Inference.Local;

/// <summary>What the GGUF headers say about a validated model pair (for <c>doctor</c> and logs).</summary>
public sealed record LocalModelInfo(
    string ModelPath,
    string MmprojPath,
    string Architecture,
    long EmbeddingLength,
    long BlockCount,
    long ContextLength,
    IReadOnlyList<long> RopeSections,
    string ProjectorType);
