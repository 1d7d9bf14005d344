namespace GlmMcp.Core.Security;

/// <summary>
/// The folders a tool call may touch, and the one place every path a caller gives goes through. A path is made
/// absolute (<c>..</c> applies to the path as written), then every component is resolved to its real location, link by
/// link, hop by hop, and only then checked against the roots (themselves resolved the same way). Anything outside is
/// refused before its existence or type is looked at, and a link's target outside the roots is never echoed.
/// Opening the file is <see cref="VerifiedFile"/>'s job: it checks that what it opened is still the path checked here.
/// </summary>
public sealed class AllowedRoots
{
    /// <summary>Longest path accepted (Linux's PATH_MAX); longer input is refused before the file system sees it.</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Symbolic links followed while resolving one path (Linux's MAXSYMLINKS) before it counts as a loop.</summary>
    public const int MaxLinkHops = 40;


    private static readonly StringComparison PathComparison = StringComparison.Ordinal;

    private readonly string[] _roots;

    public AllowedRoots(IEnumerable<string> roots)
    {
        _roots = roots
            .Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(r => WithTrailingSeparator(RealPath(Path.GetFullPath(r)).Path))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Roots from <c>file:</c> URIs, as MCP clients announce them; anything else (another scheme, a host, a NUL) is
    /// left out rather than guessed at.
    /// </summary>
    public static AllowedRoots FromFileUris(IEnumerable<string> uris)
    {
        var folders = new List<string>();
        foreach (var uri in uris)
        {
            if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                continue;
            try
            {
                folders.Add(ToFullPath(uri, "roots"));
            }
            catch (UserInputException)
            {
                // Not a local folder: it cannot widen or name anything.
            }
        }
        return new AllowedRoots(folders);
    }

    /// <summary>The roots as absolute, link-resolved folder paths (with a trailing separator).</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>
    /// The folders both allow: a root of <paramref name="narrower"/> that lies under one of these roots, or one of these
    /// roots that lies under a root of <paramref name="narrower"/>. Never anything neither allows; empty when they do not overlap.
    /// </summary>
    public AllowedRoots Intersect(AllowedRoots narrower)
    {
        ArgumentNullException.ThrowIfNull(narrower);
        var common = new List<string>();
        foreach (var mine in _roots)
        {
            foreach (var theirs in narrower._roots)
            {
                if (theirs.StartsWith(mine, PathComparison))
                    common.Add(theirs);
                else if (mine.StartsWith(theirs, PathComparison))
                    common.Add(mine);
            }
        }
        return new AllowedRoots(common);
    }

    /// <summary>Resolves <paramref name="path"/> to the real path of an existing file under a root, or throws <see cref="UserInputException"/>.</summary>
    public string ResolveExistingFile(string path, string argumentName = "path")
    {
        var full = ToFullPath(path, argumentName);
        if (EndsWithSeparator(path))
            throw new UserInputException($"'{argumentName}' ends with a path separator, so it names a folder: {Echo(path)}. Give a file path.");
        var real = Resolve(full, path, argumentName);
        if (Directory.Exists(real.Path))
            throw new UserInputException($"'{argumentName}' is a folder, not a file: {Echo(path)}.");
        if (!real.Exists || !File.Exists(real.Path))
            throw new UserInputException($"'{argumentName}': file not found: {Echo(path)}. Check the path (relative paths start at {Directory.GetCurrentDirectory()}).");
        return real.Path;
    }

    /// <summary>
    /// Resolves a path the caller wants written to the real path it will have: its folder (existing, or created later)
    /// must be under a root, and the file itself must not be a folder or a symbolic link. Write it with <see cref="VerifiedFile.WriteAsync"/>.
    /// </summary>
    public string ResolveOutputPath(string path, string argumentName = "output_path")
    {
        var full = ToFullPath(path, argumentName);
        if (EndsWithSeparator(path) || Path.GetFileName(full).Length == 0)
            throw new UserInputException($"'{argumentName}' names a folder; give a file name: {Echo(path)}.");
        var whole = RealPath(full);
        if (Contains(whole.Path) && Directory.Exists(whole.Path))
            throw new UserInputException($"'{argumentName}' is a folder; give a file name: {Echo(path)}.");
        var folder = Resolve(Path.GetDirectoryName(full) ?? full, path, argumentName);
        var target = Path.Join(folder.Path, Path.GetFileName(full));
        EnsureUnderRoot(target, path, argumentName);
        if (IsLink(target))
            throw new UserInputException($"'{argumentName}' is a symbolic link; files are never written through links: {Echo(path)}. Give the path of a regular file.");
        if (Directory.Exists(target))
            throw new UserInputException($"'{argumentName}' is a folder; give a file name: {Echo(path)}.");
        return target;
    }

    /// <summary>Whether <paramref name="path"/> (a path or a <c>file:</c> URL) resolves to a location under a root, whether or not it exists.</summary>
    public bool Allows(string path)
    {
        try
        {
            Resolve(ToFullPath(path, "path"), path, "path");
            return true;
        }
        catch (UserInputException)
        {
            return false;
        }
    }

    /// <summary>True when the absolute, link-resolved <paramref name="fullPath"/> lies under a root (or is one).</summary>
    public bool Contains(string fullPath) =>
        _roots.Any(root => fullPath.StartsWith(root, PathComparison) || string.Equals(WithTrailingSeparator(fullPath), root, PathComparison));

    /// <summary>
    /// The real path of <paramref name="fullPath"/>: every symbolic link along it followed (relative targets from the
    /// link's folder, <c>..</c> in a target from where the link led), up to the first component that does not exist;
    /// the rest is appended as written. Components that cannot be read (permissions) count as not existing; a chain of
    /// more than <see cref="MaxLinkHops"/> links stops where it got to and reports a loop.
    /// </summary>
    internal static (string Path, bool Exists, bool Loop) RealPath(string fullPath)
    {
        var root = System.IO.Path.GetPathRoot(fullPath);
        if (string.IsNullOrEmpty(root))
            throw new ArgumentException("The path must be absolute.", nameof(fullPath));
        var pending = new Stack<string>(Components(fullPath[root.Length..]).Reverse());
        var current = root;
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = System.IO.Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = System.IO.Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
                if (target is null && !System.IO.Path.Exists(next))
                    return (Append(next, pending), false, false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (Append(next, pending), false, false);
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops)
                return (Append(next, pending), false, true);
            foreach (var step in Components(target).Reverse())
                pending.Push(step);
            var targetRoot = System.IO.Path.GetPathRoot(target);
            if (!string.IsNullOrEmpty(targetRoot))
                current = targetRoot;
        }
        return (current, true, false);
    }

    private (string Path, bool Exists) Resolve(string full, string given, string argumentName)
    {
        var real = RealPath(full);
        EnsureUnderRoot(real.Path, given, argumentName);
        if (real.Loop)
            throw new UserInputException($"'{argumentName}' leads through more than {MaxLinkHops} symbolic links (a loop?): {Echo(given)}. Fix or remove the links.");
        return (real.Path, real.Exists);
    }

    private void EnsureUnderRoot(string real, string given, string argumentName)
    {
        if (Contains(real))
            return;
        var allowed = _roots.Length == 0
            ? "No folder is allowed: the MCP client's roots and the server's --root folders have none in common."
            : $"Allowed: {string.Join(", ", _roots)}.";
        throw new UserInputException(
            $"'{argumentName}' is outside the allowed roots: {Echo(given)}. {allowed} " +
            "Add the folder with --root (or GLM_MCP_Security__Roots__0), or open it as a workspace root in your MCP client.");
    }

    /// <summary>
    /// The absolute path a caller means: a plain path, <c>~/…</c> or a <c>file:</c> URI without a host. Refuses what
    /// could mean something else to the operating system: NUL characters, over-long paths, UNC and device paths.
    /// </summary>
    private static string ToFullPath(string path, string argumentName)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UserInputException($"'{argumentName}' is empty; give a file path.");
        if (path.Length > MaxPathLength)
            throw new UserInputException($"'{argumentName}' is {path.Length:N0} characters long; paths are limited to {MaxPathLength:N0}: {Echo(path)}.");
        if (path.Contains('\0', StringComparison.Ordinal))
            throw new UserInputException($"'{argumentName}' contains a NUL character, which no file name can hold: {Echo(path)}.");
        if (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            path = FromFileUri(path, argumentName);
        if (path.StartsWith(@"\\", StringComparison.Ordinal) || (OperatingSystem.IsWindows() && path.StartsWith("//", StringComparison.Ordinal)))
            throw new UserInputException($"'{argumentName}' is a network (UNC) or device path, which is never allowed: {Echo(path)}. Give a local file path.");
        if (path.StartsWith('~'))
            path = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]);
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserInputException($"'{argumentName}' is not a valid path: {Echo(path)} ({e.Message})", e);
        }
    }

    private static string FromFileUri(string uri, string argumentName)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            throw new UserInputException($"'{argumentName}' is not a valid file: URI: {Echo(uri)}. Use file:///absolute/path.");
        if (!string.IsNullOrEmpty(parsed.Host) && !string.Equals(parsed.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"'{argumentName}' is a file: URI on another host ({Echo(parsed.Host)}), which is never allowed. Use file:///absolute/path.");
        var local = Uri.UnescapeDataString(parsed.AbsolutePath);
        if (local.Contains('\0', StringComparison.Ordinal))
            throw new UserInputException($"'{argumentName}' contains a NUL character, which no file name can hold: {Echo(uri)}.");
        return OperatingSystem.IsWindows() ? parsed.LocalPath : local;
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split(OperatingSystem.IsWindows() ? ['\\', '/'] : ['/'], StringSplitOptions.RemoveEmptyEntries);

    private static string Append(string path, Stack<string> rest) => rest.Count == 0 ? path : Path.GetFullPath(Path.Join([path, .. rest]));

    private static bool EndsWithSeparator(string path) =>
        path.EndsWith('/') || (OperatingSystem.IsWindows() && path.EndsWith('\\'));

    private static string Echo(string text) => InputEcho.Truncate(text);

    private static string WithTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;
}
