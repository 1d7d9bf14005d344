namespace GlmMcp.Core.Imaging;

/// <summary>
/// Groups changed pixels into regions. Two changed pixels share a region when at most <c>mergeDistance</c>
/// unchanged pixels separate them horizontally and vertically (0 = plain 8-connectivity). Works on horizontal runs
/// of changed pixels with union-find, so its cost follows the number of runs, not the image size.
/// </summary>
internal static class RegionFinder
{
    public static (IReadOnlyList<DiffRegion> Top, int Total) Find(DiffMap map, int mergeDistance, int maxRegions)
    {
        var reach = mergeDistance + 1;
        var runs = new List<Run>();
        var rowStart = new int[map.Height + 1];
        for (var y = 0; y < map.Height; y++)
        {
            rowStart[y] = runs.Count;
            if (map.RowTouched(y))
                AddRuns(map.Row(y), y, runs);
        }
        rowStart[map.Height] = runs.Count;
        if (runs.Count == 0)
            return ([], 0);

        var parent = new int[runs.Count];
        for (var i = 0; i < parent.Length; i++)
            parent[i] = i;

        for (var y = 0; y < map.Height; y++)
        {
            var (from, to) = (rowStart[y], rowStart[y + 1]);
            if (from == to)
                continue;
            for (var i = from + 1; i < to; i++)
            {
                if (runs[i].X0 - runs[i - 1].X1 <= reach)
                    Union(parent, i, i - 1);
            }
            for (var above = Math.Max(0, y - reach); above < y; above++)
                LinkRows(runs, parent, from, to, rowStart[above], rowStart[above + 1], reach);
        }

        var boxes = new Dictionary<int, Box>();
        for (var i = 0; i < runs.Count; i++)
        {
            var root = Find(parent, i);
            var run = runs[i];
            boxes[root] = boxes.TryGetValue(root, out var box) ? box.Add(run) : Box.Of(run);
        }
        var top = boxes.Values
            .OrderByDescending(b => b.Pixels).ThenBy(b => b.MinY).ThenBy(b => b.MinX)
            .Take(maxRegions)
            .Select(b => new DiffRegion(b.MinX, b.MinY, b.MaxX - b.MinX + 1, b.MaxY - b.MinY + 1, b.Pixels))
            .ToList();
        return (top, boxes.Count);
    }

    private static void AddRuns(ReadOnlySpan<byte> row, int y, List<Run> runs)
    {
        var x = 0;
        while (x < row.Length)
        {
            var start = row[x..].IndexOf(DiffMap.Changed);
            if (start < 0)
                return;
            start += x;
            var length = row[start..].IndexOfAnyExcept(DiffMap.Changed);
            var end = length < 0 ? row.Length : start + length;
            runs.Add(new Run(start, end - 1, y));
            x = end;
        }
    }

    /// <summary>Unites the runs of one row with those of a row above that lie within reach; both lists are sorted by x.</summary>
    private static void LinkRows(List<Run> runs, int[] parent, int from, int to, int aboveFrom, int aboveTo, int reach)
    {
        var j = aboveFrom;
        for (var i = from; i < to && j < aboveTo; i++)
        {
            var run = runs[i];
            while (j < aboveTo && runs[j].X1 < run.X0 - reach)
                j++;
            for (var k = j; k < aboveTo && runs[k].X0 <= run.X1 + reach; k++)
                Union(parent, i, k);
        }
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

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    private readonly record struct Run(int X0, int X1, int Y);

    private readonly record struct Box(int MinX, int MinY, int MaxX, int MaxY, long Pixels)
    {
        public static Box Of(Run run) => new(run.X0, run.Y, run.X1, run.Y, run.X1 - run.X0 + 1);

        public Box Add(Run run) => new(Math.Min(MinX, run.X0), Math.Min(MinY, run.Y), Math.Max(MaxX, run.X1), Math.Max(MaxY, run.Y),
            Pixels + run.X1 - run.X0 + 1);
    }
}
