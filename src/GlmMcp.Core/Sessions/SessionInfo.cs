namespace GlmMcp.Core.Sessions;

/// <summary>
/// A page under construction: the viewport its renders use, the stack its code is written in, and which of its
/// versions is current (<see cref="Current"/> moves back on undo; <see cref="Latest"/> is the highest number written).
/// </summary>
/// <param name="SourcePath">The file the session was opened from, when it edits a file on disk.</param>
/// <param name="Roots">The allowed roots it was created under (<see cref="Security.CallerRoots"/>); a caller sees the
/// session only when all of them lie under its own roots. Null for sessions written before roots were recorded and for
/// sessions created with no roots set: no MCP client sees those.</param>
public sealed record SessionInfo(
    string Id,
    DateTimeOffset Created,
    int Width,
    int Height,
    double DeviceScaleFactor,
    string Stack,
    string? SourcePath,
    int Current,
    int Latest,
    IReadOnlyList<string>? Roots = null)
{
    /// <summary>Whether a caller with <paramref name="roots"/> may see the session: it was created under them.</summary>
    public bool IsVisibleUnder(Security.AllowedRoots roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        return Roots is { Count: > 0 } created && created.All(roots.Contains);
    }
}
