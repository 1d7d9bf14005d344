namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Where a framework's development build says an element was written: a file on disk (React's <c>_debugSource</c>,
/// Vue's <c>__file</c>, Svelte's <c>__svelte_meta</c>) or a module URL of the dev server with a line and column of
/// its served code (React 19's <c>_debugStack</c>). <see cref="Line"/> and <see cref="Column"/> are 1-based; 0 when unknown.
/// </summary>
public sealed record SourceHint(string How, string? File, string? Url, int Line, int Column);
