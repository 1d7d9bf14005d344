namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// Chromium processes started by a server whose working directory was <c>folder</c>: Chromium's processes inherit the
/// server's working directory, so /proc/PID/cwd finds them even after the server exited and they were re-parented.
/// </summary>
internal static class ChromiumLeftovers
{
    public static IReadOnlyList<string> In(string folder)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cwd = new DirectoryInfo(Path.Join(dir, "cwd")).LinkTarget ?? "";
                var commandLine = File.ReadAllText(Path.Join(dir, "cmdline")).Replace('\0', ' ');
                // "(deleted)" follows the path once the test removed the folder.
                if (cwd.StartsWith(folder, StringComparison.Ordinal) && commandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase) && !IsZombie(dir))
                    found.Add($"{pid}: {commandLine[..Math.Min(80, commandLine.Length)]}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked.
            }
        }
        return found;
    }

    /// <summary>Waits until a Chromium of the server in <paramref name="folder"/> runs, or <paramref name="timeout"/> passes.</summary>
    public static async Task<IReadOnlyList<string>> StartedAsync(string folder, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var running = In(folder);
            if (running.Count > 0 || DateTime.UtcNow > until)
                return running;
            await Task.Delay(100);
        }
    }

    public static async Task<IReadOnlyList<string>> AfterAsync(string folder, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = In(folder);
            if (left.Count == 0 || DateTime.UtcNow > until)
                return left;
            await Task.Delay(100);
        }
    }

    private static bool IsZombie(string procDir)
    {
        var stat = File.ReadAllText(Path.Join(procDir, "stat"));
        var close = stat.LastIndexOf(')');
        return close >= 0 && stat.Length > close + 2 && stat[close + 2] == 'Z';
    }
}
