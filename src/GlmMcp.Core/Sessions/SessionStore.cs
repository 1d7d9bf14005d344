using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GlmMcp.Core.Sessions;

/// <summary>
/// Sessions on disk, so they survive a restart: <c>{workspace}/{id}/session.json</c>, the optional
/// <c>target.png</c>, and one folder per version (<c>{n}/index.html</c>, <c>render.png</c>, <c>version.json</c>,
/// <c>diff.patch</c> against its parent). Nothing is cached in memory; writes go through a temporary file and a
/// rename. One session's writers are serialised: in this process by a lock per session, across glm-mcp processes
/// sharing the workspace by an exclusive lock on the session's <c>write.lock</c>; each writer reads the session
/// afresh under those locks (<see cref="UpdateAsync"/>), so concurrent changes never overwrite each other.
/// </summary>
public sealed class SessionStore
{
    private const string SessionFile = "session.json";
    private const string VersionFile = "version.json";
    private const string DiffFile = "diff.patch";
    private const string TargetFile = "target.png";
    private const string LockFile = "write.lock";
    private const int IdBytes = 6;

    private static readonly TimeSpan LongestLockPoll = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly TimeSpan _lockTimeout;

    public SessionStore(SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Workspace = options.ResolveWorkspace();
        _lockTimeout = TimeSpan.FromSeconds(options.LockTimeoutSeconds);
    }

    /// <summary>The folder holding the sessions.</summary>
    public string Workspace { get; }

    public async Task<SessionInfo> CreateAsync(NewSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        Directory.CreateDirectory(Workspace);
        string id;
        do
            id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        while (!TryCreateFolder(Path.Join(Workspace, id)));

        var info = new SessionInfo(id, DateTimeOffset.UtcNow, session.Width, session.Height, session.DeviceScaleFactor,
            session.Stack, session.SourcePath, Current: 0, Latest: 0);
        if (session.TargetPng is not null)
            await WriteAtomicAsync(Path.Join(Workspace, id, TargetFile), session.TargetPng, cancellationToken).ConfigureAwait(false);
        await WriteInfoAsync(info, cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <summary>The session, or a <see cref="UserInputException"/> that says it does not exist.</summary>
    public async Task<SessionInfo> GetAsync(string id, CancellationToken cancellationToken)
    {
        var file = Path.Join(SessionFolder(id), SessionFile);
        if (!File.Exists(file))
            throw NotFound(id);
        var json = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(json, SessionsJsonContext.Default.SessionInfo)
               ?? throw new InvalidDataException($"Session file {file} is empty.");
    }

    /// <summary>Every session in the workspace, newest first; folders that are not sessions are skipped.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Workspace))
            return [];
        var sessions = new List<SessionInfo>();
        foreach (var folder in Directory.EnumerateDirectories(Workspace))
        {
            var id = Path.GetFileName(folder);
            if (IsWellFormedId(id) && File.Exists(Path.Join(folder, SessionFile)))
                sessions.Add(await GetAsync(id, cancellationToken).ConfigureAwait(false));
        }
        return sessions.OrderByDescending(s => s.Created).ToList();
    }

    /// <summary>The target image the session was created with, or null.</summary>
    public async Task<byte[]?> ReadTargetAsync(string id, CancellationToken cancellationToken)
    {
        var file = Path.Join(SessionFolder(id), TargetFile);
        return File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false) : null;
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
        return WithWriteLockAsync(id, async () =>
        {
            var info = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            var previous = info.Current > 0 ? await ReadCodeAsync(id, info.Current, cancellationToken).ConfigureAwait(false) : string.Empty;
            var version = await update(new SessionHead(info, previous), cancellationToken).ConfigureAwait(false);
            var number = info.Latest + 1;
            var folder = VersionFolder(id, number);
            Directory.CreateDirectory(folder);
            var patch = UnifiedDiff.Create(previous, version.Code,
                info.Current > 0 ? $"v{info.Current}/{SessionUris.CodeFile}" : "/dev/null", $"v{number}/{SessionUris.CodeFile}");

            await WriteAtomicAsync(Path.Join(folder, SessionUris.CodeFile), Encoding.UTF8.GetBytes(version.Code), cancellationToken).ConfigureAwait(false);
            if (version.RenderPng is not null)
                await WriteAtomicAsync(Path.Join(folder, SessionUris.RenderFile), version.RenderPng, cancellationToken).ConfigureAwait(false);
            await WriteAtomicAsync(Path.Join(folder, DiffFile), Encoding.UTF8.GetBytes(patch), cancellationToken).ConfigureAwait(false);
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
        WithWriteLockAsync(id, async () =>
        {
            var info = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            int target;
            if (toVersion is { } wanted)
            {
                if (wanted < 1 || wanted > info.Latest)
                    throw new UserInputException($"Session {id} has versions 1 to {info.Latest}; 'version' {wanted} does not exist.");
                target = wanted;
            }
            else
            {
                var current = await GetVersionAsync(id, info.Current, cancellationToken).ConfigureAwait(false);
                if (current.Parent < 1)
                    throw new UserInputException($"Session {id} is at its first version ({info.Current}); there is nothing to undo.");
                target = current.Parent;
            }
            await WriteInfoAsync(info with { Current = target }, cancellationToken).ConfigureAwait(false);
            return await GetVersionAsync(id, target, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<SessionVersion> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        var file = Path.Join(VersionFolder(id, version), VersionFile);
        if (!File.Exists(file))
        {
            var info = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            throw new UserInputException(info.Latest == 0
                ? $"Session {id} has no versions yet."
                : $"Session {id} has versions 1 to {info.Latest}; version {version} does not exist.");
        }
        var json = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(json, SessionsJsonContext.Default.SessionVersion)
               ?? throw new InvalidDataException($"Version file {file} is empty.");
    }

    /// <summary>Every saved version of the session, oldest first.</summary>
    public async Task<IReadOnlyList<SessionVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var info = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var versions = new List<SessionVersion>(info.Latest);
        for (var n = 1; n <= info.Latest; n++)
            versions.Add(await GetVersionAsync(id, n, cancellationToken).ConfigureAwait(false));
        return versions;
    }

    public async Task<string> ReadCodeAsync(string id, int version, CancellationToken cancellationToken)
    {
        var file = Path.Join(VersionFolder(id, version), SessionUris.CodeFile);
        if (!File.Exists(file))
            await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version's render as PNG, or null when it was saved without one.</summary>
    public async Task<byte[]?> ReadRenderAsync(string id, int version, CancellationToken cancellationToken)
    {
        var saved = await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return saved.HasRender
            ? await File.ReadAllBytesAsync(Path.Join(VersionFolder(id, version), SessionUris.RenderFile), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The unified diff of the version against its parent.</summary>
    public async Task<string> ReadDiffAsync(string id, int version, CancellationToken cancellationToken)
    {
        await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return await File.ReadAllTextAsync(Path.Join(VersionFolder(id, version), DiffFile), Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Session ids are generated lowercase hex; anything else cannot name a session (and cannot climb out of the workspace).</summary>
    public static bool IsWellFormedId(string id) =>
        id.Length == IdBytes * 2 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private string SessionFolder(string id)
    {
        if (!IsWellFormedId(id ?? string.Empty))
            throw NotFound(id ?? string.Empty);
        return Path.Join(Workspace, id);
    }

    private string VersionFolder(string id, int version) =>
        Path.Join(SessionFolder(id), version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static UserInputException NotFound(string id) =>
        new($"Session '{id}' does not exist. Start one with screenshot_to_code, or pass 'path' to edit a file; " +
            "the glm-mcp://sessions/… resources list the sessions there are.");

    /// <summary>Runs <paramref name="write"/> holding the session's in-process lock and then its cross-process lock file.</summary>
    private async Task<T> WithWriteLockAsync<T>(string id, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var folder = SessionFolder(id);
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(Path.Join(folder, SessionFile)))
                throw NotFound(id);
            await using var held = await LockFolderAsync(id, folder, cancellationToken).ConfigureAwait(false);
            return await write().ConfigureAwait(false);
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

    private static bool TryCreateFolder(string folder)
    {
        if (Directory.Exists(folder))
            return false;
        Directory.CreateDirectory(folder);
        return true;
    }

    private Task WriteInfoAsync(SessionInfo info, CancellationToken cancellationToken) =>
        WriteAtomicAsync(Path.Join(Workspace, info.Id, SessionFile),
            JsonSerializer.SerializeToUtf8Bytes(info, SessionsJsonContext.Default.SessionInfo), cancellationToken);

    private static async Task WriteAtomicAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
