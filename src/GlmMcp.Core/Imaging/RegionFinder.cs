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
        var runs = new Run[256];
        var parent = new int[256];
        var count = 0;
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
                var end = start + 1;
                while (end < row.Length && row[end] == DiffMap.Changed)
                    end++;
                if (count == runs.Length)
                {
                    Array.Resize(ref runs, count * 2);
                    Array.Resize(ref parent, count * 2);
                }
                var run = count++;
                runs[run] = new Run(start, end - 1, y);
                parent[run] = run;
                var joined = -1;
                var last = Math.Min(map.Width - 1, end - 1 + reach);
                for (var c = Math.Max(0, start - reach); c <= last; c++)
                {
                    if (lastRow[c] >= y - reach && lastRun[c] != joined)
                    {
                        joined = lastRun[c];
                        Union(parent, run, joined);
                    }
                }
                lastRow.AsSpan(start, end - start).Fill(y);
                lastRun.AsSpan(start, end - start).Fill(run);
                x = end;
            }
        }
        if (count == 0)
            return ([], 0);

        var boxes = new Box[count];
        var roots = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var root = Find(parent, i);
            var r = runs[i];
            if (root == i)
            {
                roots.Add(i);
                boxes[i] = new Box(r.X0, r.Y, r.X1, r.Y, 0);
            }
            ref var box = ref boxes[root];
            box.MinX = Math.Min(box.MinX, r.X0);
            box.MaxX = Math.Max(box.MaxX, r.X1);
            box.MaxY = r.Y;
            box.Pixels += r.X1 - r.X0 + 1;
        }
        var top = roots.Select(r => boxes[r])
            .OrderByDescending(b => b.Pixels).ThenBy(b => b.MinY).ThenBy(b => b.MinX)
            .Take(maxRegions)
            .Select(b => new DiffRegion(b.MinX, b.MinY, b.MaxX - b.MinX + 1, b.MaxY - b.MinY + 1, b.Pixels))
            .ToList();
        return (top, roots.Count);
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /// <summary>Joins two sets under the smaller index, so a set's root is its first run and precedes every member.</summary>
    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    private readonly record struct Run(int X0, int X1, int Y);

    /// <summary>A region's bounds; runs arrive top to bottom, so the last one added sets <see cref="MaxY"/>.</summary>
    private record struct Box(int MinX, int MinY, int MaxX, int MaxY, long Pixels);
}
