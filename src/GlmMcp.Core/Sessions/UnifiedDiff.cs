using System.Globalization;
using System.Text;

namespace GlmMcp.Core.Sessions;

/// <summary>
/// Line diffs in the unified format <c>git apply</c> and <c>patch</c> read: Myers' O(ND) shortest edit script,
/// hunks with three lines of context, and the "no newline at end of file" marker.
/// </summary>
public static class UnifiedDiff
{
    public const int DefaultContext = 3;
    private const string NoNewline = "\\ No newline at end of file";

    /// <summary>Appended to a last line that has no newline, so it never equals the same text with one.</summary>
    private const char MissingNewline = '\uFFFF';

    private enum Op : byte { Equal, Delete, Insert }

    /// <summary>The unified diff from <paramref name="oldText"/> to <paramref name="newText"/>; empty when they are equal.</summary>
    public static string Create(string oldText, string newText, string oldName, string newName, int context = DefaultContext)
    {
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
            return string.Empty;
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var script = EditScript(a, b);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldName).Append('\n');
        output.Append("+++ ").Append(newName).Append('\n');
        foreach (var (start, end) in Hunks(script, context))
            WriteHunk(output, script, start, end, a, b);
        return output.ToString();
    }

    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
            return [];
        var lines = text.Split('\n');
        if (text.EndsWith('\n'))
            return lines[..^1];
        lines[^1] += MissingNewline;
        return lines;
    }

    /// <summary>The edit script as (op, index in a, index in b), found by Myers' greedy forward search.</summary>
    private static List<(Op Op, int A, int B)> EditScript(string[] a, string[] b)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && string.Equals(a[x], b[y], StringComparison.Ordinal))
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        var script = new List<(Op, int, int)>(n + m);
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var vd = trace[d];
            var k = cx - cy;
            int prevK;
            if (d == 0)
                prevK = 0;
            else
                prevK = k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : vd[offset + prevK];
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                cx--;
                cy--;
                script.Add((Op.Equal, cx, cy));
            }
            if (d > 0)
            {
                if (cx == prevX)
                    script.Add((Op.Insert, cx, prevY));
                else
                    script.Add((Op.Delete, prevX, cy));
            }
            cx = prevX;
            cy = prevY;
        }
        script.Reverse();
        return script;
    }

    /// <summary>Ranges of the script (end exclusive) that form hunks: changes plus context, merged when their context touches.</summary>
    private static List<(int Start, int End)> Hunks(List<(Op Op, int A, int B)> script, int context)
    {
        var hunks = new List<(int, int)>();
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == Op.Equal)
            {
                i++;
                continue;
            }
            var start = Math.Max(0, i - context);
            var end = i;
            while (end < script.Count)
            {
                if (script[end].Op != Op.Equal)
                {
                    end++;
                    continue;
                }
                var run = end;
                while (run < script.Count && script[run].Op == Op.Equal)
                    run++;
                if (run == script.Count || run - end > 2 * context)
                {
                    end = Math.Min(script.Count, end + context);
                    break;
                }
                end = run;
            }
            if (hunks.Count > 0 && hunks[^1].Item2 >= start)
                hunks[^1] = (hunks[^1].Item1, end);
            else
                hunks.Add((start, end));
            i = end;
        }
        return hunks;
    }

    private static void WriteHunk(StringBuilder output, List<(Op Op, int A, int B)> script, int start, int end, string[] a, string[] b)
    {
        int oldStart = -1, newStart = -1, oldCount = 0, newCount = 0;
        for (var i = start; i < end; i++)
        {
            var (op, ia, ib) = script[i];
            if (op != Op.Insert)
            {
                if (oldStart < 0)
                    oldStart = ia;
                oldCount++;
            }
            if (op != Op.Delete)
            {
                if (newStart < 0)
                    newStart = ib;
                newCount++;
            }
        }
        // A side with no lines in the hunk is addressed by the line before it (0 at the top of the file).
        if (oldStart < 0)
            oldStart = script[start].A - 1;
        if (newStart < 0)
            newStart = script[start].B - 1;
        output.Append(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
        for (var i = start; i < end; i++)
        {
            var (op, ia, ib) = script[i];
            var (prefix, line) = op switch
            {
                Op.Equal => (' ', a[ia]),
                Op.Delete => ('-', a[ia]),
                _ => ('+', b[ib]),
            };
            if (line.EndsWith(MissingNewline))
                output.Append(prefix).Append(line.AsSpan(0, line.Length - 1)).Append('\n').Append(NoNewline).Append('\n');
            else
                output.Append(prefix).Append(line).Append('\n');
        }
    }

    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start + 1},0"),
        1 => string.Create(CultureInfo.InvariantCulture, $"{start + 1}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };
}
