using System.Diagnostics;

namespace GlmMcp.Bench.Verbs;

/// <summary>Collects timings per phase and prints medians (and, where given, the anchor's figure and our ratio).</summary>
internal sealed class BenchReport(string title)
{
    private readonly List<(string Name, List<double> Samples)> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>Times <paramref name="action"/> and records the milliseconds under <paramref name="name"/>.</summary>
    public async Task<T> TimeAsync<T>(string name, Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var value = await action();
        Add(name, watch.Elapsed.TotalMilliseconds);
        return value;
    }

    public void Add(string name, double milliseconds)
    {
        var row = _rows.FirstOrDefault(r => r.Name == name);
        if (row.Samples is null)
        {
            row = (name, []);
            _rows.Add(row);
        }
        row.Samples.Add(milliseconds);
    }

    public double Median(string name) => Median(_rows.First(r => r.Name == name).Samples);

    public bool Has(string name) => _rows.Any(r => r.Name == name);

    /// <summary>Adds a line comparing our median with the anchor's (ratio = ours / anchor; ≤ 1.0 means we are as fast or faster).</summary>
    public void Ratio(string label, string ours, string anchor)
    {
        if (Has(ours) && Has(anchor))
            _notes.Add($"{label}: ratio {Median(ours) / Median(anchor):0.00} (ours {Median(ours):0.0} ms / anchor {Median(anchor):0.0} ms)");
    }

    public void Note(string text) => _notes.Add(text);

    public void Print(TextWriter writer)
    {
        writer.WriteLine(title);
        var width = Math.Max(24, _rows.Count == 0 ? 0 : _rows.Max(r => r.Name.Length) + 2);
        writer.WriteLine($"{"phase".PadRight(width)}{"median ms",12}{"min ms",10}{"max ms",10}{"runs",6}");
        foreach (var (name, samples) in _rows)
            writer.WriteLine($"{name.PadRight(width)}{Median(samples),12:0.00}{samples.Min(),10:0.00}{samples.Max(),10:0.00}{samples.Count,6}");
        foreach (var note in _notes)
            writer.WriteLine(note);
    }

    /// <summary>The machine's load averages (1, 5, 15 minutes), printed beside the figures: other work inflates them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
