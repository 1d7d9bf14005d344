namespace GlmMcp.Core.Security;

/// <summary>
/// The folders a tool call may touch. Paths are made absolute and symlinks are resolved before the check,
/// so a link inside a root that points outside it is refused.
/// </summary>
public sealed class AllowedRoots
{
    private readonly string[] _roots;

    public AllowedRoots(IEnumerable<string> roots)
    {
        _roots = roots
            .Where(r => !string.IsNullOrWhiteSpace(r))
            .Select(r => WithTrailingSeparator(ResolveLinks(Path.GetFullPath(r))))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The roots as absolute folder paths (with a trailing separator).</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Resolves <paramref name="path"/> to an existing file under a root, or throws <see cref="UserInputException"/>.</summary>
    public string ResolveExistingFile(string path, string argumentName = "path")
    {
        var full = ResolveLinks(ToFullPath(path, argumentName));
        if (Directory.Exists(full))
            throw new UserInputException($"'{argumentName}' is a folder, not a file: {InputEcho.Truncate(full)}.");
        EnsureUnderRoot(full, argumentName);
        if (!File.Exists(full))
            throw new UserInputException($"'{argumentName}': file not found: {InputEcho.Truncate(full)}. Check the path (relative paths start at {Directory.GetCurrentDirectory()}).");
        return full;
    }

    /// <summary>Resolves a path the caller wants written; its folder must exist (or be creatable) under a root.</summary>
    public string ResolveOutputPath(string path, string argumentName = "output_path")
    {
        var full = ToFullPath(path, argumentName);
        if (Directory.Exists(full))
            throw new UserInputException($"'{argumentName}' is a folder; give a file name: {InputEcho.Truncate(full)}.");
        var folder = Path.GetDirectoryName(full) ?? full;
        var resolved = Path.Combine(ResolveLinks(folder), Path.GetFileName(full));
        if (File.Exists(resolved))
            resolved = ResolveLinks(resolved);
        EnsureUnderRoot(resolved, argumentName);
        return resolved;
    }

    /// <summary>True when the absolute, link-resolved <paramref name="fullPath"/> lies under a root.</summary>
    public bool Contains(string fullPath) =>
        _roots.Any(root => fullPath.StartsWith(root, StringComparison.Ordinal) ||
                           WithTrailingSeparator(fullPath) == root);

    private void EnsureUnderRoot(string full, string argumentName)
    {
        if (!Contains(full))
            throw new UserInputException(
                $"'{argumentName}' is outside the allowed roots: {InputEcho.Truncate(full)}. Allowed: {string.Join(", ", _roots)}. " +
                "Add the folder with --root (or GLM_MCP_Security__Roots__0), or open it as a workspace root in your MCP client.");
    }

    private static string ToFullPath(string path, string argumentName)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UserInputException($"'{argumentName}' is empty; give a file path.");
        if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            path = new Uri(path).LocalPath;
        if (path.StartsWith('~'))
            path = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..]);
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserInputException($"'{argumentName}' is not a valid path: {InputEcho.Truncate(e.Message)}", e);
        }
    }

    /// <summary>Resolves every symlink along the path (the parts that exist), so the check sees the real location.</summary>
    internal static string ResolveLinks(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Join(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
                return Path.Join([next, .. parts[(i + 1)..]]);
            var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
            current = target?.FullName ?? next;
        }
        return current;
    }

    private static string WithTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;
}
