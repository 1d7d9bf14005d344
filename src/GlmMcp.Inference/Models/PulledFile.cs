namespace GlmMcp.Inference.Models;

/// <summary>A file in the cache after a pull: where it is, its size, and its SHA-256 when it was just downloaded.</summary>
public sealed record PulledFile(CatalogFile Source, string Path, long Size, string? Sha256, bool WasCached);
