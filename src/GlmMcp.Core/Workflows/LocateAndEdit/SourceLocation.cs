namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>An element's source: the file (real path, under the roots), the span of the element's text in it, its 1-based line, and how it was found.</summary>
public sealed record SourceLocation(string Path, int Start, int End, int Line, string How);
