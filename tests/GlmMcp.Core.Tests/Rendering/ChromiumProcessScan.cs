namespace GlmMcp.Core.Tests.Rendering;

/// <summary>Looks through /proc for Chromium processes this test process started, directly or through re-parenting.</summary>
internal static class ChromiumProcessScan
{
    /// <summary>Live processes whose parent chain leads to this process, or whose command line names <paramref name="userDataDir"/>.</summary>
    public static IReadOnlyList<string> Leftovers(string? userDataDir)
    {
        var self = Environment.ProcessId;
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == self)
                continue;
            var commandLine = Read(Path.Join(dir, "cmdline")).Replace('\0', ' ');
            if (IsZombie(pid) || !commandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase))
                continue;
            var ours = (userDataDir is not null && commandLine.Contains(userDataDir, StringComparison.Ordinal)) || DescendsFrom(pid, self);
            if (ours)
                found.Add($"{pid}: {commandLine[..Math.Min(60, commandLine.Length)]} {UserDataDirOf(commandLine)}");
        }
        return found;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the leftovers to go, and returns those still there.</summary>
    public static async Task<IReadOnlyList<string>> LeftoversAfterAsync(string? userDataDir, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Leftovers(userDataDir);
            if (left.Count == 0 || DateTime.UtcNow > until)
                return left;
            await Task.Delay(100);
        }
    }

    private static string UserDataDirOf(string commandLine)
    {
        const string Switch = "--user-data-dir=";
        var at = commandLine.IndexOf(Switch, StringComparison.Ordinal);
        return at < 0 ? "" : commandLine[(at + Switch.Length)..].Split(' ')[0];
    }

    private static bool DescendsFrom(int pid, int ancestor)
    {
        for (var hops = 0; hops < 64 && pid > 1; hops++)
        {
            pid = ParentOf(pid);
            if (pid == ancestor)
                return true;
        }
        return false;
    }

    private static int ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        // Format: pid (comm) state ppid …; comm may contain spaces, so parse after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
            return 0;
        var fields = stat[(close + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? parent : 0;
    }

    private static bool IsZombie(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        var close = stat.LastIndexOf(')');
        return close >= 0 && stat.Length > close + 2 && stat[close + 2] == 'Z';
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
