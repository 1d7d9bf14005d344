namespace GlmMcp.Server.Cli;

/// <summary>
/// A terminal user who names a file on the command line means to let the verb use it: the folders of the file
/// arguments join the configured roots for that one run (MCP tool calls never get this).
/// </summary>
internal static class CommandLineRoots
{
    /// <summary>The existing folders of the arguments that are file paths (not data URIs, URLs or base64 blobs).</summary>
    public static IEnumerable<string> FoldersOf(params string?[] arguments) =>
        arguments.OfType<string>()
            .Where(a => !a.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !a.Contains("://", StringComparison.Ordinal) && a.Length < 4096)
            .Select(a => Path.GetDirectoryName(Path.GetFullPath(a)))
            .OfType<string>()
            .Where(Directory.Exists);
}
