using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Sessions;

/// <summary>
/// Sessions on disk, so they survive a restart: <c>{workspace}/{id}/session.json</c>, the optional
/// <c>target.png</c>, and one folder per version (<c>{n}/index.html</c>, <c>render.png</c>, <c>version.json</c>,
/// <c>diff.patch</c> against its parent). Nothing is cached in memory; writes go through a temporary file and a
/// rename, and one session's writes are serialised. Reads and writes go through <see cref="VerifiedFile"/>, so a link
/// planted in the workspace (when it lies under a root the client can write to) leads nowhere.
/// </summary>
public sealed class SessionStore
{
    private const string SessionFile = "session.json";
    private const string VersionFile = "version.json";
    private const string DiffFile = "diff.patch";
    private const string TargetFile = "target.png";
    private const int IdBytes = 6;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public SessionStore(SessionOptions options)
    {
        // Its real path, so files written there can be verified against the handle that opened them.
        Workspace = AllowedRoots.RealPath(options.ResolveWorkspace()).Path;
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
        var json = await ReadBytesAsync(file, cancellationToken).ConfigureAwait(false);
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
        return File.Exists(file) ? await ReadBytesAsync(file, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Saves a new version made from the current one and makes it current.</summary>
    public async Task<SessionVersion> AddVersionAsync(string id, NewSessionVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var gate = Gate(id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            var number = info.Latest + 1;
            var folder = VersionFolder(id, number);
            Directory.CreateDirectory(folder);
            var previous = info.Current > 0 ? await ReadCodeAsync(id, info.Current, cancellationToken).ConfigureAwait(false) : string.Empty;
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
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Makes an earlier version current again: <paramref name="toVersion"/>, or the current version's parent. Later
    /// versions stay readable; the next edit starts from the version undone to.
    /// </summary>
    public async Task<SessionVersion> UndoAsync(string id, int? toVersion, CancellationToken cancellationToken)
    {
        var gate = Gate(id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
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
        }
        finally
        {
            gate.Release();
        }
    }

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
        var json = await ReadBytesAsync(file, cancellationToken).ConfigureAwait(false);
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
        return await VerifiedFile.ReadAllTextAsync(file, "session", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version's render as PNG, or null when it was saved without one.</summary>
    public async Task<byte[]?> ReadRenderAsync(string id, int version, CancellationToken cancellationToken)
    {
        var saved = await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return saved.HasRender
            ? await ReadBytesAsync(Path.Join(VersionFolder(id, version), SessionUris.RenderFile), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The unified diff of the version against its parent.</summary>
    public async Task<string> ReadDiffAsync(string id, int version, CancellationToken cancellationToken)
    {
        await GetVersionAsync(id, version, cancellationToken).ConfigureAwait(false);
        return await VerifiedFile.ReadAllTextAsync(Path.Join(VersionFolder(id, version), DiffFile), "session", cancellationToken).ConfigureAwait(false);
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
        new($"Session '{InputEcho.Truncate(id)}' does not exist. Start one with screenshot_to_code, or pass 'path' to edit a file; " +
            "the glm-mcp://sessions/… resources list the sessions there are.");

    private SemaphoreSlim Gate(string id)
    {
        SessionFolder(id);
        return _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
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

    /// <summary>Through a fresh temporary file and a rename, never through a link planted in the workspace.</summary>
    private static Task WriteAtomicAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        VerifiedFile.WriteAsync(path, content, "session", cancellationToken);

    /// <summary>Only the file itself, never where a link planted in the workspace leads.</summary>
    private static async Task<byte[]> ReadBytesAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = VerifiedFile.OpenRead(path, "session");
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }
}
