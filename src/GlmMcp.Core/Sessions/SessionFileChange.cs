namespace GlmMcp.Core.Sessions;

/// <summary>A project file a version wrote: its real path, its text before and after. Undo writes <see cref="Before"/> back.</summary>
public sealed record SessionFileChange(string Path, string Before, string After);
