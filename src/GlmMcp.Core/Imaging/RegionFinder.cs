using System.Runtime.CompilerServices;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Groups changed pixels into regions. Two changed pixels share a region when at most <c>mergeDistance</c>
/// unchanged pixels separate them horizontally and vertically (0 = plain 8-connectivity). Works on horizontal runs
/// of changed pixels with union-find: each run is joined to the latest run seen in every column within reach,
/// which suffices because runs in one column within reach of each other were joined when the later one was seen.
/// The cost follows the number of runs, not the image size.
/// </summary>
internal static class RegionFinder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (IReadOnlyList<DiffRegion> Top, int Total) Find(DiffMap map, int mergeDistance, int maxRegions)
    {
        var reach = mergeDistance + 1;
        var runs = new List<Run>();
        var parent = new List<int>();
        var lastRow = new int[map.Width];
        var lastRun = new int[map.Width];
        Array.Fill(lastRow, int.MinValue / 2);
        for (var y = 0; y < map.Height; y++)
        {
            if (!map.RowTouched(y))
                continue;
            var row = map.Row(y);
            var x = 0;
            while (x < row.Length)
            {
                var start = row[x..].IndexOf(DiffMap.Changed);
                if (start < 0)
                    break;
                start += x;
                var length = row[start..].IndexOfAnyExcept(DiffMap.Changed);
                var end = length < 0 ? row.Length : start + length;
                var run = runs.Count;
                runs.Add(new Run(start, end - 1, y));
                parent.Add(run);
                var joined = -1;
                for (var c = Math.Max(0, start - reach); c <= Math.Min(map.Width - 1, end - 1 + reach); c++)
                {
                    if (lastRow[c] >= y - reach && lastRun[c] != joined)
                    {
                        joined = lastRun[c];
                        Union(parent, run, joined);
                    }
                }
                for (var c = start; c < end; c++)
                {
                    lastRow[c] = y;
                    lastRun[c] = run;
                }
                x = end;
            }
        }
        if (runs.Count == 0)
            return ([], 0);

        var boxes = new Box[runs.Count];
        var roots = new List<int>();
        for (var i = 0; i < runs.Count; i++)
        {
            var root = Find(parent, i);
            var run = runs[i];
            if (root == i)
            {
                roots.Add(i);
                boxes[i] = new Box(run.X0, run.Y, run.X1, run.Y, 0);
            }
            ref var box = ref boxes[root];
            box = new Box(Math.Min(box.MinX, run.X0), Math.Min(box.MinY, run.Y), Math.Max(box.MaxX, run.X1), Math.Max(box.MaxY, run.Y),
                box.Pixels + run.X1 - run.X0 + 1);
        }
        var top = roots.Select(r => boxes[r])
            .OrderByDescending(b => b.Pixels).ThenBy(b => b.MinY).ThenBy(b => b.MinX)
            .Take(maxRegions)
            .Select(b => new DiffRegion(b.MinX, b.MinY, b.MaxX - b.MinX + 1, b.MaxY - b.MinY + 1, b.Pixels))
            .ToList();
        return (top, roots.Count);
    }

    private static int Find(List<int> parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /// <summary>Joins two sets under the smaller index, so a set's root is its first run and precedes every member.</summary>
    private static void Union(List<int> parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    private readonly record struct Run(int X0, int X1, int Y);

    private readonly record struct Box(int MinX, int MinY, int MaxX, int MaxY, long Pixels);
}
