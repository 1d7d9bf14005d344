using System.Globalization;

namespace GlmMcp.Bench.Soak;

/// <summary>
/// What the soak run reads about processes from Linux <c>/proc</c>: a server's peak RSS, the Chromium processes it
/// started (found through the user-data folders on their command lines, so re-parented orphans still count), and the
/// renderer and browser processes it kills on purpose.
/// </summary>
internal static class ProcessProbe
{
    /// <summary>Peak resident memory of <paramref name="pid"/> in MiB (VmHWM), or 0 when it is gone.</summary>
    public static double PeakRssMiB(int pid) => StatusKiB(pid, "VmHWM:") / 1024.0;

    /// <summary>Current resident memory of <paramref name="pid"/> in MiB (VmRSS), or 0 when it is gone.</summary>
    public static double RssMiB(int pid) => StatusKiB(pid, "VmRSS:") / 1024.0;

    /// <summary>The <c>--user-data-dir</c> folders of the Chromium processes below <paramref name="serverPid"/>.</summary>
    public static IReadOnlySet<string> ChromiumProfiles(int serverPid)
    {
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pid in Descendants(serverPid))
        {
            var profile = UserDataDir(CommandLine(pid));
            if (profile is not null)
                profiles.Add(profile);
        }
        return profiles;
    }

    /// <summary>Process ids whose command line names one of <paramref name="profiles"/>.</summary>
    public static IReadOnlyList<int> UsingProfiles(IEnumerable<string> profiles)
    {
        var set = profiles.ToArray();
        if (set.Length == 0)
            return [];
        return AllPids().Where(pid => CommandLine(pid) is { } line && set.Any(p => line.Contains(p, StringComparison.Ordinal))).ToList();
    }

    /// <summary>Kills (SIGKILL) the renderer processes among <paramref name="pids"/>; returns how many.</summary>
    public static int KillRenderers(IEnumerable<int> pids) => KillWhere(pids, line => line.Contains("--type=renderer", StringComparison.Ordinal));

    /// <summary>Kills (SIGKILL) the browser process among <paramref name="pids"/> (the one without <c>--type=</c>).</summary>
    public static int KillBrowser(IEnumerable<int> pids) => KillWhere(pids, line => !line.Contains("--type=", StringComparison.Ordinal));

    private static int KillWhere(IEnumerable<int> pids, Func<string, bool> match)
    {
        var killed = 0;
        foreach (var pid in pids)
        {
            if (CommandLine(pid) is not { } line || !match(line))
                continue;
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
                killed++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It exited on its own in between.
            }
        }
        return killed;
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var pid in AllPids())
        {
            var parent = ParentPid(pid);
            if (parent is null)
                continue;
            if (!children.TryGetValue(parent.Value, out var list))
                children[parent.Value] = list = [];
            list.Add(pid);
        }
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            if (!children.TryGetValue(pid, out var list))
                continue;
            foreach (var child in list)
            {
                yield return child;
                queue.Enqueue(child);
            }
        }
    }

    private static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                yield return pid;
        }
    }

    private static int? ParentPid(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
        var end = stat?.LastIndexOf(')') ?? -1;
        if (end < 0)
            return null;
        var fields = stat![(end + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }

    private static string? CommandLine(int pid) => Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ');

    private static string? UserDataDir(string? commandLine)
    {
        const string flag = "--user-data-dir=";
        var at = commandLine?.IndexOf(flag, StringComparison.Ordinal) ?? -1;
        if (at < 0)
            return null;
        var rest = commandLine![(at + flag.Length)..];
        var space = rest.IndexOf(' ');
        return space < 0 ? rest : rest[..space];
    }

    private static long StatusKiB(int pid, string field)
    {
        var status = Read($"/proc/{pid}/status");
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        if (line is null)
            return 0;
        var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : 0;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
