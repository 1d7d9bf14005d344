using System.Text;
using GlmMcp.Core.Security;
using GlmMcp.Core.Sessions;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Undo for sessions whose edits wrote project files (locate_and_edit by path or URL): besides moving the session
/// back, every file the undone versions wrote is written back to what it was before the first of them. Each file
/// must still hold what the last undone version wrote — a file changed on disk since is not overwritten, and then
/// nothing is undone — and must lie under the caller's roots (its real path, checked again now).
/// </summary>
public sealed class FileEditUndo(SessionStore sessions)
{
    /// <returns>The version now current and the real paths of the files written back.</returns>
    public async Task<(SessionVersion Version, IReadOnlyList<string> Restored)> UndoAsync(string sessionId, int? toVersion, AllowedRoots roots,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var info = await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var target = toVersion ?? (await sessions.GetVersionAsync(sessionId, info.Current, cancellationToken).ConfigureAwait(false)).Parent;
        // The versions undone: from the current one back along its parents to the target (none when the target is not an ancestor).
        var undone = new List<SessionVersion>();
        for (var v = info.Current; v > 0 && v != target;)
        {
            var version = await sessions.GetVersionAsync(sessionId, v, cancellationToken).ConfigureAwait(false);
            undone.Add(version);
            v = version.Parent;
        }
        if (target > 0 && undone.Count > 0 && undone[^1].Parent != target)
            undone.Clear();
        var restore = new Dictionary<string, (string Before, string Expected)>(StringComparer.Ordinal);
        foreach (var version in undone)
        {
            foreach (var change in await sessions.ReadFilesAsync(sessionId, version.Number, cancellationToken).ConfigureAwait(false))
            {
                // Newest first: the first seen is what the disk should hold now; the last seen (oldest) says what to restore.
                restore[change.Path] = restore.TryGetValue(change.Path, out var seen) ? (change.Before, seen.Expected) : (change.Before, change.After);
            }
        }
        var checkedPaths = new List<(string Path, string Before)>();
        foreach (var (path, (before, expected)) in restore.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var real = roots.ResolveExistingFile(path, "session file");
            var now = await VerifiedFile.ReadAllTextAsync(real, "session file", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(now, expected, StringComparison.Ordinal))
                throw new UserInputException(
                    $"{path} changed on disk since the edit being undone wrote it; undo would overwrite that change, so nothing was undone. " +
                    "Undo it by hand, or save the file back as the edit left it and undo again.");
            checkedPaths.Add((real, before));
        }
        var current = await sessions.UndoAsync(sessionId, toVersion, cancellationToken).ConfigureAwait(false);
        foreach (var (path, before) in checkedPaths)
            await VerifiedFile.WriteAsync(path, Encoding.UTF8.GetBytes(before), "session file", cancellationToken).ConfigureAwait(false);
        return (current, checkedPaths.Select(p => p.Path).ToList());
    }
}
