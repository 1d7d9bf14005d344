using System.Globalization;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// The Chromium processes running below a server process (its browser, renderers, GPU and utility helpers), read from
/// /proc: how many there are and their proportional set size (PSS: shared pages split between the processes sharing
/// them, so the sum is what they cost together).
/// </summary>
internal static class ChromiumMemory
{
    public static (int Processes, double PssMb) Below(int rootPid)
    {
        if (!Directory.Exists("/proc"))
            return (0, 0);
        var children = new Dictionary<int, List<int>>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Join(dir, "stat"));
                var close = stat.LastIndexOf(')');
                names[pid] = stat[(stat.IndexOf('(') + 1)..close];
                var parent = int.Parse(stat[(close + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                    children[parent] = list = [];
                list.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }
        var count = 0;
        double kb = 0;
        var queue = new Queue<int>([rootPid]);
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
                queue.Enqueue(child);
            if (!names.TryGetValue(pid, out var name) || !(name.Contains("chrom", StringComparison.OrdinalIgnoreCase) || name.Contains("headless", StringComparison.OrdinalIgnoreCase)))
                continue;
            count++;
            kb += Pss(pid);
        }
        return (count, kb / 1024);
    }

    private static double Pss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    return double.Parse(line[4..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours to read.
        }
        return 0;
    }
}
