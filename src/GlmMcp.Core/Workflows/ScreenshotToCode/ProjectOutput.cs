namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Where <c>output_dir</c> writes the best page as a <see cref="PageProject"/>: the folder, and for every path a
/// project of the stack may hold (<see cref="PageProject.Paths"/>) its real path, already checked against the roots.
/// </summary>
public sealed record ProjectOutput(string Folder, IReadOnlyDictionary<string, string> Files);
