namespace GlmMcp.Inference.Models;

/// <summary>The local engine's files, ready on disk.</summary>
/// <param name="Name">The catalog name, or <c>custom</c> for files given with --model/--mmproj.</param>
public sealed record ResolvedModelFiles(string Name, string ModelPath, string MmprojPath);
