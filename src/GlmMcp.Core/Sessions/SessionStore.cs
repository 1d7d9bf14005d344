using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlmMcp.Core.Sessions;

/// <summary>
/// Sessions on disk, so they survive a restart: <c>{workspace}/{id}/session.json</c>, the optional
/// <c>target.png</c>, and one folder per version (<c>{n}/index.html</c>, <c>render.png</c>, <c>version.json</c>,
/// <c>diff.patch</c> against its parent). Nothing is cached in memory; writes go through a temporary file and a
/// rename. One session's writers are serialised: in this process by a lock per session, across glm-mcp processes
/// sharing the workspace by an exclusive lock on the session's <c>write.lock</c>; each writer reads the session
/// afresh under those locks (<see cref="UpdateAsync"/>), so concurrent changes never overwrite each other.
/// A session's id is the name of its folder (never a field inside it), and symbolic links in the workspace are not
/// followed. A damaged session (a file missing, unreadable, not valid JSON, inconsistent, or a link) is left out of
/// <see cref="ListAsync"/> with a warning in the log; reading or changing it is a <see cref="UserInputException"/>
/// that names the session and what is wrong. While <see cref="CallerRoots"/> are set, a session created under other
/// roots is neither listed nor read nor changed: it is a <see cref="SessionNotFoundException"/> like a missing one.
/// </summary>
public sealed class SessionStore
{
    private const string SessionFile = "session.json";
    private const string VersionFile = "version.json";
    private const string DiffFile = "diff.patch";
    private const string FilesFile = "files.json";
    private const string TargetFile = "target.png";
    private const string LockFile = "write.lock";
    private const int IdBytes = 6;
    private const int MaxEchoedId = 100;

    private static readonly TimeSpan LongestLockPoll = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly TimeSpan _lockTimeout;
    private readonly ILogger _logger;

    public SessionStore(SessionOptions options, ILogger<SessionStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Its real path, so files written there can be verified against the handle that opened them.
        Workspace = AllowedRoots.RealPath(options.ResolveWorkspace()).Path;
        _lockTimeout = TimeSpan.FromSeconds(options.LockTimeoutSeconds);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The folder holding the sessions.</summary>
    public string Workspace { get; }

    /// <summary>
    /// A new session with no versions. It is built in a hidden folder and renamed into place, so no reader ever sees
    /// a session folder without its <c>session.json</c>.
    /// </summary>
    public async Task<SessionInfo> CreateAsync(NewSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var staging = Path.Join(Workspace, "." + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(staging);
            if (session.TargetPng is not null)
                await WriteAtomicAsync(Path.Join(staging, TargetFile), session.TargetPng, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
                var folder = Path.Join(Workspace, id);
                if (Path.Exists(folder))
                    continue;
                var info = new SessionInfo(id, DateTimeOffset.UtcNow, session.Width, session.Height, session.DeviceScaleFactor,
                    session.Stack, session.SourcePath, Current: 0, Latest: 0, CallerRoots.Current?.Roots);
                await WriteAtomicAsync(Path.Join(staging, SessionFile), Serialize(info), cancellationToken).ConfigureAwait(false);
                try
                {
                    Directory.Move(staging, folder);
                    return info;
                }
                catch (IOException) when (Path.Exists(folder))
                {
                    // Another process took the same id in the meantime: draw again.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException(
                $"Cannot create a session in the workspace {Workspace}: {e.Message} Check that the folder is writable, or set Sessions:Workspace.", e);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The session, or a <see cref="UserInputException"/> that says it does not exist or what is damaged.</summary>
    public Task<SessionInfo> GetAsync(string id, CancellationToken cancellationToken) => ReadInfoAsync(id, cancellationToken);

    /// <summary>
    /// Every session in the workspace, newest first. Folders whose names are not session ids are skipped; sessions
    /// whose <c>session.json</c> is damaged are skipped with a warning.
    /// </summary>
    public async Task<IReadOnlyList<SessionInfo>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Workspace))
            return [];
        var sessions = new List<SessionInfo>();
        foreach (var folder in new DirectoryInfo(Workspace).EnumerateDirectories())
        {
            if (!IsWellFormedId(folder.Name))
                continue;
            try
            {
                sessions.Add(await ReadInfoAsync(folder.Name, cancellationToken).ConfigureAwait(false));
            }
            catch (SessionNotFoundException)
            {
                // Another workspace's session (or one removed meanwhile): not this caller's to see.
            }
            catch (UserInputException e)
            {
                _logger.LogWarning("Skipping a session: {Problem}", e.Message);
            }
        }
        return sessions.OrderByDescending(s => s.Created).ToList();
    }

    /// <summary>The target image the session was created with, or null.</summary>
    public async Task<byte[]?> ReadTargetAsync(string id, CancellationToken cancellationToken)
    {
        await ReadInfoAsync(id, cancellationToken).ConfigureAwait(false);
        var entry = new FileInfo(Path.Join(SessionFolder(id), TargetFile));
        return entry.Exists || entry.LinkTarget is not null ? await ReadFileAsync(id, TargetFile, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Saves a new version made from whatever version is current when the session's lock is taken, and makes it current.</summary>
    public Task<SessionVersion> AddVersionAsync(string id, NewSessionVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        return UpdateAsync(id, (_, _) => Task.FromResult(version), cancellationToken);
    }

    /// <summary>
    /// Saves a new version made by <paramref name="update"/> from the session's head as it is once this writer holds
    /// the session's locks (no other writer, in this or another process, can move it until the version is saved), and
    /// makes it current. <paramref name="update"/> may throw to save nothing, e.g. when the head moved in a way its
    /// change cannot follow.
    /// </summary>
    public Task<SessionVersion> UpdateAsync(string id, Func<SessionHead, CancellationToken, Task<NewSessionVersion>> update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return WithWriteLockAsync(id, async info =>
        {
            var previous = info.Current > 0 ? await ReadCodeAsync(info, info.Current, cancellationToken).ConfigureAwait(false) : string.Empty;
            var version = await update(new SessionHead(info, previous), cancellationToken).ConfigureAwait(false);
            var number = info.Latest + 1;
            var folder = VersionFolder(id, number);
            // A folder for this number can only be the orphan of a save that crashed before its session.json was written.
            if (Path.Exists(folder))
                DeleteOrphan(folder);
            Directory.CreateDirectory(folder);
            var patch = UnifiedDiff.Create(previous, version.Code,
                info.Current > 0 ? $"v{info.Current}/{SessionUris.CodeFile}" : "/dev/null", $"v{number}/{SessionUris.CodeFile}");

            await WriteAtomicAsync(Path.Join(folder, SessionUris.CodeFile), Encoding.UTF8.GetBytes(version.Code), cancellationToken).ConfigureAwait(false);
            if (version.RenderPng is not null)
                await WriteAtomicAsync(Path.Join(folder, SessionUris.RenderFile), version.RenderPng, cancellationToken).ConfigureAwait(false);
            await WriteAtomicAsync(Path.Join(folder, DiffFile), Encoding.UTF8.GetBytes(patch), cancellationToken).ConfigureAwait(false);
            if (version.Files is { Count: > 0 } files)
                await WriteAtomicAsync(Path.Join(folder, FilesFile),
                    JsonSerializer.SerializeToUtf8Bytes(files.ToList(), SessionsJsonContext.Default.ListSessionFileChange), cancellationToken).ConfigureAwait(false);
            var saved = new SessionVersion(id, number, info.Current, version.Kind, version.Instruction, version.Score,
                DateTimeOffset.UtcNow, version.RenderPng is not null);
            await WriteAtomicAsync(Path.Join(folder, VersionFile),
                JsonSerializer.SerializeToUtf8Bytes(saved, SessionsJsonContext.Default.SessionVersion), cancellationToken).ConfigureAwait(false);
            // The session file is written last: a crash before it leaves an orphan folder, never a session that points at half a version.
            await WriteInfoAsync(info with { Current = number, Latest = number }, cancellationToken).ConfigureAwait(false);
            return saved;
        }, cancellationToken);
    }

    /// <summary>
    /// Makes an earlier version current again: <paramref name="toVersion"/>, or the current version's parent. Later
    /// versions stay readable; the next edit starts from the version undone to.
    /// </summary>
    public Task<SessionVersion> UndoAsync(string id, int? toVersion, CancellationToken cancellationToken) =>
        WithWriteLockAsync(id, async info =>
        {
            int target;
            if (toVersion is { } wanted)
            {
                if (wanted < 1 || wanted > info.Latest)
                    throw new UserInputException($"Session {id} has versions 1 to {info.Latest}; 'version' {wanted} does not exist.");
                target = wanted;
            }
            else
            {
                var current = await ReadVersionAsync(info, info.Current, cancellationToken).ConfigureAwait(false);
                if (current.Parent < 1)
                    throw new UserInputException($"Session {id} is at its first version ({info.Current}); there is nothing to undo.");
                target = current.Parent;
            }
            // The version undone to is checked whole before the session points at it.
            var version = await ReadVersionAsync(info, target, cancellationToken).ConfigureAwait(false);
            await WriteInfoAsync(info with { Current = target }, cancellationToken).ConfigureAwait(false);
            return version;
        }, cancellationToken);

    public async Task<SessionVersion> GetVersionAsync(string id, int version, CancellationToken cancellationToken) =>
        await ReadVersionAsync(await ReadInfoAsync(id, cancellationToken).ConfigureAwait(false), version, cancellationToken).ConfigureAwait(false);

    /// <summary>Every saved version of the session, oldest first; a damaged one makes the whole session an error.</summary>
    public async Task<IReadOnlyList<SessionVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var info = await ReadInfoAsync(id, cancellationToken).ConfigureAwait(false);
        var versions = new List<SessionVersion>(info.Latest);
        for (var n = 1; n <= info.Latest; n++)
            versions.Add(await ReadVersionAsync(info, n, cancellationToken).ConfigureAwait(false));
        return versions;
    }

    public async Task<string> ReadCodeAsync(string id, int version, CancellationToken cancellationToken) =>
        await ReadCodeAsync(await ReadInfoAsync(id, cancellationToken).ConfigureAwait(false), version, cancellationToken).ConfigureAwait(false);

    /// <summary>The version's render as PNG, or null when it was saved without one.</summary>
    public async Task<byte[]?> ReadRenderAsync(string id, int version, CancellationToken cancellationToken)
    {
        var saved = await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return saved.HasRender ? await ReadFileAsync(id, InVersion(version, SessionUris.RenderFile), cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>The project files the version wrote on disk (<see cref="NewSessionVersion.Files"/>); empty when it wrote none.</summary>
    public async Task<IReadOnlyList<SessionFileChange>> ReadFilesAsync(string id, int version, CancellationToken cancellationToken)
    {
        await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        var relative = InVersion(version, FilesFile);
        var entry = new FileInfo(Path.Join(SessionFolder(id), relative));
        if (!entry.Exists && entry.LinkTarget is null)
            return [];
        var json = await ReadFileAsync(id, relative, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(json, SessionsJsonContext.Default.ListSessionFileChange) ?? [];
        }
        catch (JsonException e)
        {
            throw Damaged(id, $"{relative} is not valid JSON ({e.Message})");
        }
    }

    /// <summary>The unified diff of the version against its parent.</summary>
    public async Task<string> ReadDiffAsync(string id, int version, CancellationToken cancellationToken)
    {
        await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(await ReadFileAsync(id, InVersion(version, DiffFile), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Session ids are generated lowercase hex; anything else cannot name a session (and cannot climb out of the workspace).</summary>
    public static bool IsWellFormedId(string id) =>
        id.Length == IdBytes * 2 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private async Task<SessionInfo> ReadInfoAsync(string id, CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(SessionFolder(id));
        if (folder.LinkTarget is not null)
            throw Damaged(id, "its folder is a symbolic link, and links in the session workspace are not followed");
        if (!folder.Exists)
            throw NotFound(id);
        var json = await ReadFileAsync(id, SessionFile, cancellationToken).ConfigureAwait(false);
        SessionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize(json, SessionsJsonContext.Default.SessionInfo);
        }
        catch (JsonException e)
        {
            throw Damaged(id, $"{SessionFile} is not valid session JSON ({e.Message})");
        }
        var problem = info switch
        {
            null => $"{SessionFile} holds null",
            { Stack: null } => $"{SessionFile} names no stack",
            { Width: < 1 } or { Height: < 1 } => $"{SessionFile} gives a {info.Width}×{info.Height} viewport",
            _ when !(info.DeviceScaleFactor > 0) => $"{SessionFile} gives device scale {info.DeviceScaleFactor}",
            _ when info.Latest < 0 || info.Current < 0 || info.Current > info.Latest => $"{SessionFile} says version {info.Current} of {info.Latest} is current",
            _ => null,
        };
        if (problem is not null)
            throw Damaged(id, problem);
        // Outside the caller's roots a session answers exactly as one that does not exist.
        if (CallerRoots.Current is { } caller && !info!.IsVisibleUnder(caller))
            throw NotFound(id);
        return info! with { Id = id };
    }

    private async Task<SessionVersion> ReadVersionAsync(SessionInfo info, int number, CancellationToken cancellationToken)
    {
        var id = info.Id;
        if (number < 1 || number > info.Latest)
            throw new SessionNotFoundException(info.Latest == 0
                ? $"Session {id} has no versions yet."
                : $"Session {id} has versions 1 to {info.Latest}; version {number} does not exist.");
        var name = number.ToString(CultureInfo.InvariantCulture);
        var folder = new DirectoryInfo(VersionFolder(id, number));
        if (folder.LinkTarget is not null)
            throw Damaged(id, $"the folder of version {number} is a symbolic link, and links in the session workspace are not followed");
        if (!folder.Exists)
            throw Damaged(id, $"the folder of version {number} is missing");
        var json = await ReadFileAsync(id, InVersion(number, VersionFile), cancellationToken).ConfigureAwait(false);
        SessionVersion? version;
        try
        {
            version = JsonSerializer.Deserialize(json, SessionsJsonContext.Default.SessionVersion);
        }
        catch (JsonException e)
        {
            throw Damaged(id, $"{name}/{VersionFile} is not valid version JSON ({e.Message})");
        }
        if (version is null || version.Kind is null || version.Number != number || version.Parent < 0 || version.Parent >= number)
            throw Damaged(id, $"{name}/{VersionFile} does not describe version {number}");
        CheckFile(id, InVersion(number, SessionUris.CodeFile));
        CheckFile(id, InVersion(number, DiffFile));
        if (version.HasRender)
            CheckFile(id, InVersion(number, SessionUris.RenderFile));
        return version with { SessionId = id };
    }

    private async Task<string> ReadCodeAsync(SessionInfo info, int version, CancellationToken cancellationToken)
    {
        await ReadVersionAsync(info, version, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(await ReadFileAsync(info.Id, InVersion(version, SessionUris.CodeFile), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A file of the session, read only when it is a plain file (not a link) that can be read.</summary>
    private async Task<byte[]> ReadFileAsync(string id, string relative, CancellationToken cancellationToken)
    {
        var path = CheckFile(id, relative);
        try
        {
            // Through a handle checked to be this very file, so a link swapped in after the check leads nowhere.
            await using var stream = VerifiedFile.OpenRead(path, "session");
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UserInputException)
        {
            throw Damaged(id, $"{relative} cannot be read ({e.Message})");
        }
    }

    private string CheckFile(string id, string relative)
    {
        var entry = new FileInfo(Path.Join(SessionFolder(id), relative));
        if (entry.LinkTarget is not null)
            throw Damaged(id, $"{relative} is a symbolic link, and links in the session workspace are not followed");
        if (!entry.Exists)
            throw Damaged(id, $"{relative} is missing{(Directory.Exists(entry.FullName) ? " (a folder is in its place)" : "")}");
        return entry.FullName;
    }

    private static string InVersion(int version, string file) => version.ToString(CultureInfo.InvariantCulture) + "/" + file;

    private string SessionFolder(string id)
    {
        if (!IsWellFormedId(id ?? string.Empty))
            throw NotFound(id ?? string.Empty);
        return Path.Join(Workspace, id);
    }

    private string VersionFolder(string id, int version) =>
        Path.Join(SessionFolder(id), version.ToString(CultureInfo.InvariantCulture));

    private static SessionNotFoundException NotFound(string id) =>
        new($"Session '{InputEcho.Truncate(id, MaxEchoedId)}' does not exist. Start one with screenshot_to_code, or pass 'path' to edit a file; " +
            "the glm-mcp://sessions/… resources list the sessions there are.");

    private UserInputException Damaged(string id, string problem) =>
        new($"Session {id} is damaged: {problem}. Repair or remove its folder {Path.Join(Workspace, id)}; the other sessions are not affected.");

    /// <summary>
    /// Runs <paramref name="write"/> on the session as it is once this writer holds the session's in-process lock and
    /// then its cross-process lock file; a folder or file that cannot be written becomes an error naming the session.
    /// </summary>
    private async Task<T> WithWriteLockAsync<T>(string id, Func<SessionInfo, Task<T>> write, CancellationToken cancellationToken)
    {
        var folder = SessionFolder(id);
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReadInfoAsync(id, cancellationToken).ConfigureAwait(false);
            await using var held = await LockFolderAsync(id, folder, cancellationToken).ConfigureAwait(false);
            return await write(await ReadInfoAsync(id, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Session {id} cannot be changed: {e.Message} Check that its folder {folder} is writable.", e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Opens the session's lock file exclusively (an advisory <c>flock</c> on Unix, a sharing lock on Windows), polling
    /// while another process holds it; the lock lasts until the returned stream is disposed.
    /// </summary>
    private async Task<FileStream> LockFolderAsync(string id, string folder, CancellationToken cancellationToken)
    {
        var path = Path.Join(folder, LockFile);
        if (new FileInfo(path).LinkTarget is not null)
            throw Damaged(id, $"{LockFile} is a symbolic link, and links in the session workspace are not followed");
        var started = Stopwatch.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException e) when (e.GetType() == typeof(IOException))
            {
                // Exactly IOException is the sharing violation; its subclasses (folder or file not found, path too long) are not worth waiting for.
                if (Stopwatch.GetElapsedTime(started) >= _lockTimeout)
                    throw new UserInputException(
                        $"Session {id} is being changed by another glm-mcp process (its {LockFile} stayed locked for " +
                        $"{_lockTimeout.TotalSeconds:0.#} s); retry once that change has finished.", e);
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = pause * 2 < LongestLockPoll ? pause * 2 : LongestLockPoll;
            }
        }
    }

    /// <summary>Removes what a crashed save left; a link there is removed itself, never followed.</summary>
    private static void DeleteOrphan(string folder)
    {
        if (new DirectoryInfo(folder).LinkTarget is not null || File.Exists(folder))
            File.Delete(folder);
        else
            Directory.Delete(folder, recursive: true);
    }

    private static byte[] Serialize(SessionInfo info) => JsonSerializer.SerializeToUtf8Bytes(info, SessionsJsonContext.Default.SessionInfo);

    private Task WriteInfoAsync(SessionInfo info, CancellationToken cancellationToken) =>
        WriteAtomicAsync(Path.Join(SessionFolder(info.Id), SessionFile), Serialize(info), cancellationToken);

    /// <summary>Through a fresh temporary file and a rename, never through a link planted in the workspace.</summary>
    private static Task WriteAtomicAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        VerifiedFile.WriteAsync(path, content, "session", cancellationToken);
}
