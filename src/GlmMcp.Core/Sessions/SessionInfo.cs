namespace GlmMcp.Core.Sessions;

/// <summary>
/// A page under construction: the viewport its renders use, the stack its code is written in, and which of its
/// versions is current (<see cref="Current"/> moves back on undo; <see cref="Latest"/> is the highest number written).
/// </summary>
/// <param name="SourcePath">The file the session was opened from, when it edits a file on disk.</param>
public sealed record SessionInfo(
    string Id,
    DateTimeOffset Created,
    int Width,
    int Height,
    double DeviceScaleFactor,
    string Stack,
    string? SourcePath,
    int Current,
    int Latest);
