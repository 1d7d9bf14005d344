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
    public static Task<IReadOnlyList<string>> StartedAsync(string folder, TimeSpan timeout) => WaitAsync(folder, timeout, running: true);

    /// <summary>Waits until no Chromium of the server in <paramref name="folder"/> is left, or <paramref name="timeout"/> passes.</summary>
    public static Task<IReadOnlyList<string>> AfterAsync(string folder, TimeSpan timeout) => WaitAsync(folder, timeout, running: false);

    private static async Task<IReadOnlyList<string>> WaitAsync(string folder, TimeSpan timeout, bool running)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = In(folder);
            if ((found.Count > 0) == running || DateTime.UtcNow > until)
                return found;
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
