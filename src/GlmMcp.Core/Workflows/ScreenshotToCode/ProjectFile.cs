namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>One file of a <see cref="PageProject"/>: its path inside the project folder ('/'-separated) and its text.</summary>
public sealed record ProjectFile(string Path, string Content);
