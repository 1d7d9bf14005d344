namespace GlmMcp.Inference.Local;

/// <summary>The resolved files of a local model: the text GGUF and its vision projector (mmproj) GGUF.</summary>
public sealed record LocalModelPaths(string ModelPath, string? MmprojPath);
