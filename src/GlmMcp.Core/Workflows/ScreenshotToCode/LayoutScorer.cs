using System.Globalization;
using System.Runtime.InteropServices;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The judge of screenshot_to_code: how closely a render matches its target, from the two images alone (the target is
/// a picture, so there is no DOM to read). See docs/judge.md.
/// <para><b>Visible differences.</b> Both images are blurred with a 3×3 box. A pixel differs visibly when the render's
/// blurred colour differs from the target's blurred colour at the same place and at each of its 8 neighbours by more
/// than <see cref="Slack"/> levels plus <see cref="EdgeSlack"/> of the target's local contrast. A 1-pixel snap of a
/// glyph, an anti-aliasing spread and a sub-pixel shift of an edge stay under that, and colour changes below ΔE00 1 move
/// channels by a level or two; another colour, a thicker stroke, other glyphs or a real move do not. Visibly differing
/// pixels are counted per <see cref="CellSize"/>-pixel cell; cells with at least <see cref="MinCellPixels"/> are joined
/// into regions when at most one cell apart, and a region with at least <see cref="MinDifferencePixels"/> pixels is a
/// <see cref="LayoutDifference"/>, classified by what lies inside its box in each image (colour, position, size,
/// missing, extra, content). Cells the per-pixel test leaves unmarked are also marked when their surroundings hold
/// more or less ink than the target's at every small shift (a stroke drawn thicker or thinner: see InkChanges).</para>
/// <para><b>Layout.</b> As in Design2Code: both images are cut into cells, foreground cells (far from the page
/// background or holding contrast) form blocks, and target blocks, largest first, are matched to the render block with
/// the highest box IoU (at least <see cref="MinMatchIou"/>). Block = matched cells / all cells (both sides); Position =
/// mean over matches of 1 − centre distance / diagonal; Color = mean over matches of 1 − min(ΔE00, 100) / 100.</para>
/// <para><b>Total</b> = 100 × mean(Pixel, Block, Position, Color) × (1 − ½(1 − e^(−n/8))), where Pixel = 1 − visibly
/// differing share and n = Σ over differences of (1 + 4 × the share of the image its box covers). One small difference
/// multiplies by 0.94, so any visible difference ends below <see cref="CleanFloor"/> (95, the default target), while
/// renders without one keep their layout score; many differences lower it further, down to half of it.</para>
/// </summary>
public static class LayoutScorer
{
    public const int CellSize = 8;

    /// <summary>Sum of absolute channel differences of a cell's mean from the background that makes it foreground.</summary>
    public const int BackgroundDistance = 36;

    /// <summary>Luma range inside a cell that makes it foreground even on the background colour (text strokes, borders).</summary>
    public const int ContrastRange = 48;

    public const double MinMatchIou = 0.1;

    /// <summary>Levels a channel's 3×3 mean may differ on flat ground before the pixel differs visibly.</summary>
    public const int Slack = 8;

    /// <summary>Share of the target's local contrast (the range of its 3×3 means around the pixel) added to <see cref="Slack"/>.</summary>
    public const double EdgeSlack = 0.25;

    /// <summary>Visibly differing pixels a cell needs to join a region.</summary>
    public const int MinCellPixels = 2;

    /// <summary>Visibly differing pixels a region needs to be a difference.</summary>
    public const int MinDifferencePixels = 10;

    /// <summary>Pixels the ink test may shift the render's window in each direction to find the target's ink (glyph snaps, sub-pixel moves).</summary>
    public const int InkShift = 2;

    /// <summary>
    /// Luma levels by which a window's ink must differ from the target's at every shift: 6 pixels' worth of black on
    /// white. A stroke one pixel thicker or thinner over 24 pixels of a window (font weight, font size) is 2–4 times that.
    /// </summary>
    public const int InkLevels = 6 * 255;

    /// <summary>The highest total a render with a visible difference can reach is below this (the default target score).</summary>
    public const double CleanFloor = 95;

    /// <summary>Channel difference up to which two pixels are the same (skips the neighbourhood test).</summary>
    private const int Noise = 4;

    /// <summary>Sum of channel differences from a box's surrounding colour that makes a pixel ink (text, shapes, fills).</summary>
    private const int InkDistance = 60;

    /// <summary>Cell colours are counted at 4 bits per channel when finding the background: 16³ bins.</summary>
    private const int ColourBins = 16 * 16 * 16;

    /// <summary>Finds the target's blocks once, for scoring many renders against it.</summary>
    public static LayoutTarget Prepare(RgbaImage target) => new(target, Blocks(target), BoxSums(target), CellLuma(target));

    public static LayoutScore Score(RgbaImage target, RgbaImage render) => Score(Prepare(target), render);

    /// <summary>Scores <paramref name="render"/>, which must have the target's size (scale it first).</summary>
    public static LayoutScore Score(LayoutTarget prepared, RgbaImage render)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(render);
        var target = prepared.Image;
        if (render.Width != target.Width || render.Height != target.Height)
            throw new ArgumentException($"The render is {render.Width}×{render.Height} but the target {target.Width}×{target.Height}; scale the render to the target's size first.", nameof(render));

        var (counts, visible) = VisiblePixels(prepared, render);
        visible += InkChanges(prepared, render, counts);
        var differences = Differences(target, render, counts);
        var pixel = 1 - (double)visible / ((long)target.Width * target.Height);
        var a = prepared.Blocks;
        var b = visible == 0 ? a : Blocks(render);
        double block, position, color;
        if (a.Count == 0 && b.Count == 0)
        {
            (block, position, color) = (1, 1, 1);
        }
        else
        {
            var matched = Match(a, b);
            long all = a.Sum(x => x.Cells) + b.Sum(x => x.Cells);
            block = all == 0 ? 1 : (double)matched.Sum(m => m.A.Cells + m.B.Cells) / all;
            position = matched.Count == 0 ? 0 : matched.Average(m => 1 - CentreDistance(m.A, m.B, target, render));
            color = matched.Count == 0 ? 0 : matched.Average(m => 1 - Math.Min(ColorDifference.Ciede2000(m.A.R, m.A.G, m.A.B, m.B.R, m.B.G, m.B.B), 100) / 100);
        }
        var imageArea = (double)target.Width * target.Height;
        var weight = differences.Sum(d => 1 + 4 * d.Width * d.Height / imageArea);
        var total = 100 * (pixel + block + position + color) / 4 * (1 - 0.5 * (1 - Math.Exp(-weight / 8)));
        return new LayoutScore(Math.Round(total, 1), Math.Round(pixel, 4), Math.Round(block, 4), Math.Round(position, 4), Math.Round(color, 4), differences);
    }

    /// <summary>Visibly differing pixels per cell, and in all.</summary>
    private static (int[] Counts, long Visible) VisiblePixels(LayoutTarget prepared, RgbaImage render)
    {
        var target = prepared.Image;
        var width = target.Width;
        var height = target.Height;
        var columns = (width + CellSize - 1) / CellSize;
        var rows = (height + CellSize - 1) / CellSize;
        var counts = new int[columns * rows];
        long visible = 0;
        Parallel.For(0, rows, () => 0L, (cy, _, local) =>
        {
            var a = MemoryMarshal.Cast<byte, uint>(target.Pixels.AsSpan());
            var b = MemoryMarshal.Cast<byte, uint>(render.Pixels.AsSpan());
            for (var y = cy * CellSize; y < Math.Min(height, (cy + 1) * CellSize); y++)
            {
                var rowA = a.Slice(y * width, width);
                var rowB = b.Slice(y * width, width);
                var x = rowA.CommonPrefixLength(rowB);
                while (x < width)
                {
                    if (Differs(prepared, render, x, y))
                    {
                        counts[cy * columns + x / CellSize]++;
                        local++;
                    }
                    x++;
                    if (x < width)
                        x += rowA[x..].CommonPrefixLength(rowB[x..]);
                }
            }
            return local;
        }, local => Interlocked.Add(ref visible, local));
        return (counts, visible);
    }

    /// <summary>
    /// Whether the render's pixel at x, y differs visibly: its 3×3 mean differs from the target's 3×3 mean at x, y and
    /// at every neighbour by more than <see cref="Slack"/> levels plus <see cref="EdgeSlack"/> of the target's local
    /// contrast (so a 1-pixel snap, an anti-aliasing spread or a sub-pixel shift of a sharp edge is forgiven, while
    /// another colour, a thicker stroke, other glyphs or a real move are not).
    /// </summary>
    private static bool Differs(LayoutTarget prepared, RgbaImage render, int x, int y)
    {
        var width = render.Width;
        var i = (y * width + x) * RgbaImage.BytesPerPixel;
        var t = prepared.Image.Pixels;
        var r = render.Pixels;
        if (Math.Abs(t[i] - r[i]) <= Noise && Math.Abs(t[i + 1] - r[i + 1]) <= Noise && Math.Abs(t[i + 2] - r[i + 2]) <= Noise)
            return false;
        int sr = 0, sg = 0, sb = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = Math.Clamp(y + dy, 0, render.Height - 1) * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                var j = (row + Math.Clamp(x + dx, 0, width - 1)) * RgbaImage.BytesPerPixel;
                sr += r[j];
                sg += r[j + 1];
                sb += r[j + 2];
            }
        }
        var blur = prepared.Blur;
        int best = int.MaxValue, loR = int.MaxValue, hiR = 0, loG = int.MaxValue, hiG = 0, loB = int.MaxValue, hiB = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = Math.Clamp(y + dy, 0, render.Height - 1) * width;
            for (var dx = -1; dx <= 1; dx++)
            {
                var j = (row + Math.Clamp(x + dx, 0, width - 1)) * 3;
                int br = blur[j], bg = blur[j + 1], bb = blur[j + 2];
                best = Math.Min(best, Math.Max(Math.Abs(sr - br), Math.Max(Math.Abs(sg - bg), Math.Abs(sb - bb))));
                (loR, hiR, loG, hiG, loB, hiB) = (Math.Min(loR, br), Math.Max(hiR, br), Math.Min(loG, bg), Math.Max(hiG, bg), Math.Min(loB, bb), Math.Max(hiB, bb));
            }
        }
        var contrast = Math.Max(hiR - loR, Math.Max(hiG - loG, hiB - loB));
        return best > 9 * Slack + contrast * EdgeSlack;
    }

    /// <summary>
    /// The ink test, for what the per-pixel test forgives by design: a stroke a pixel thicker or thinner moves every
    /// edge by less than the neighbourhood allowance, yet the page reads bolder or lighter. For each 8×8 cell the
    /// per-pixel test left unmarked, the luma sum of the 3×3 cells around it (24×24 pixels) is compared with the
    /// target's; where they differ by at least <see cref="InkLevels"/>, the render's window is shifted by up to
    /// <see cref="InkShift"/> pixels each way (a glyph snapped over or a sub-pixel move keeps its ink, only moves it),
    /// and a window whose ink differs that much at every shift, and not only along one snapped edge
    /// (<see cref="IsEdgeSnap"/>), marks the cell with the difference in pixels of full contrast (at least
    /// <see cref="MinCellPixels"/>, at most the cell). Returns the pixels added to the counts.
    /// </summary>
    private static long InkChanges(LayoutTarget prepared, RgbaImage render, int[] counts)
    {
        var target = prepared.Image;
        if (target.Pixels.AsSpan().SequenceEqual(render.Pixels))
            return 0;
        var (width, height) = (target.Width, target.Height);
        var columns = (width + CellSize - 1) / CellSize;
        var rows = (height + CellSize - 1) / CellSize;
        var inkT = prepared.CellLuma;
        var inkR = CellLuma(render, target, inkT);
        long added = 0;
        Parallel.For(0, rows, () => 0L, (cy, _, local) =>
        {
            for (var cx = 0; cx < columns; cx++)
            {
                var cell = cy * columns + cx;
                if (counts[cell] >= MinCellPixels)
                    continue;
                var (a0, a1, b0, b1) = (Math.Max(0, cx - 1), Math.Min(columns - 1, cx + 1), Math.Max(0, cy - 1), Math.Min(rows - 1, cy + 1));
                long t = 0, r = 0;
                for (var y = b0; y <= b1; y++)
                {
                    for (var x = a0; x <= a1; x++)
                    {
                        t += inkT[y * columns + x];
                        r += inkR[y * columns + x];
                    }
                }
                if (Math.Abs(t - r) < InkLevels)
                    continue;
                var window = new PixelRect(a0 * CellSize, b0 * CellSize, (a1 + 1 - a0) * CellSize, (b1 + 1 - b0) * CellSize).ClipTo(width, height);
                var least = LeastShiftedDifference(render, window, t);
                if (least < InkLevels || IsEdgeSnap(target, render, window))
                    continue;
                var pixels = (int)Math.Clamp(least / 255, MinCellPixels, CellSize * CellSize);
                local += pixels - counts[cell];
                counts[cell] = pixels;
            }
            return local;
        }, local => Interlocked.Add(ref added, local));
        return added;
    }

    /// <summary>The smallest difference between <paramref name="ink"/> and the render's luma sum over <paramref name="window"/> shifted by up to <see cref="InkShift"/> pixels.</summary>
    private static long LeastShiftedDifference(RgbaImage render, PixelRect window, long ink)
    {
        // A small integral image of the window grown by the shift, edges clamped.
        var side = InkShift * 2;
        var (w, h) = (window.Width + side, window.Height + side);
        Span<long> sums = stackalloc long[(w + 1) * (h + 1)];
        sums.Clear();
        var p = render.Pixels;
        for (var y = 0; y < h; y++)
        {
            var sy = Math.Clamp(window.Y - InkShift + y, 0, render.Height - 1);
            long row = 0;
            for (var x = 0; x < w; x++)
            {
                var sx = Math.Clamp(window.X - InkShift + x, 0, render.Width - 1);
                var i = (sy * render.Width + sx) * RgbaImage.BytesPerPixel;
                row += Luma(p, i);
                sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
            }
        }
        var least = long.MaxValue;
        for (var dy = 0; dy <= side; dy++)
        {
            for (var dx = 0; dx <= side; dx++)
            {
                var (x0, y0, x1, y1) = (dx, dy, dx + window.Width, dy + window.Height);
                least = Math.Min(least, Math.Abs(sums[y1 * (w + 1) + x1] - sums[y0 * (w + 1) + x1] - sums[y1 * (w + 1) + x0] + sums[y0 * (w + 1) + x0] - ink));
            }
        }
        return least;
    }

    /// <summary>
    /// Whether every pixel that differs in <paramref name="window"/> lies on one line two pixels wide across it, down
    /// it, or one of each: the edge of a box drawn a pixel over (a sub-pixel move or width snapped to the pixel grid),
    /// which the per-pixel test forgives too. A thicker or thinner stroke differs on both sides of every stroke.
    /// </summary>
    private static bool IsEdgeSnap(RgbaImage target, RgbaImage render, PixelRect window)
    {
        Span<int> columns = stackalloc int[window.Width];
        Span<int> rows = stackalloc int[window.Height];
        columns.Clear();
        rows.Clear();
        var (t, r) = (target.Pixels, render.Pixels);
        for (var y = window.Y; y < window.Bottom; y++)
        {
            for (var x = window.X; x < window.Right; x++)
            {
                var i = (y * target.Width + x) * RgbaImage.BytesPerPixel;
                if (Math.Abs(t[i] - r[i]) > Noise || Math.Abs(t[i + 1] - r[i + 1]) > Noise || Math.Abs(t[i + 2] - r[i + 2]) > Noise)
                {
                    columns[x - window.X]++;
                    rows[y - window.Y]++;
                }
            }
        }
        var column = Band(columns);
        var row = Band(rows);
        for (var y = window.Y; y < window.Bottom; y++)
        {
            if (y - window.Y == row || y - window.Y == row + 1 || rows[y - window.Y] == 0)
                continue;
            for (var x = window.X; x < window.Right; x++)
            {
                if (x - window.X == column || x - window.X == column + 1)
                    continue;
                var i = (y * target.Width + x) * RgbaImage.BytesPerPixel;
                if (Math.Abs(t[i] - r[i]) > Noise || Math.Abs(t[i + 1] - r[i + 1]) > Noise || Math.Abs(t[i + 2] - r[i + 2]) > Noise)
                    return false;
            }
        }
        return true;
    }

    /// <summary>The start of the two adjacent lines holding the most differing pixels.</summary>
    private static int Band(Span<int> counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] + (i + 1 < counts.Length ? counts[i + 1] : 0) > counts[best] + (best + 1 < counts.Length ? counts[best + 1] : 0))
                best = i;
        }
        return best;
    }

    private static int Luma(byte[] pixels, int i) => (pixels[i] * 77 + pixels[i + 1] * 150 + pixels[i + 2] * 29) >> 8;

    /// <summary>
    /// Each 8×8 cell's luma sum (BT.601 weights, 0–255 per pixel), cells row by row. With a <paramref name="reference"/>
    /// image and its sums, a row of cells whose pixels equal the reference's takes the reference's sums.
    /// </summary>
    private static int[] CellLuma(RgbaImage image, RgbaImage? reference = null, int[]? referenceSums = null)
    {
        var (width, height) = (image.Width, image.Height);
        var columns = (width + CellSize - 1) / CellSize;
        var rows = (height + CellSize - 1) / CellSize;
        var cells = new int[columns * rows];
        var p = image.Pixels;
        var rowBytes = width * RgbaImage.BytesPerPixel;
        Parallel.For(0, rows, cy =>
        {
            var (y0, y1) = (cy * CellSize, Math.Min(height, (cy + 1) * CellSize));
            if (reference is not null && referenceSums is not null &&
                p.AsSpan(y0 * rowBytes, (y1 - y0) * rowBytes).SequenceEqual(reference.Pixels.AsSpan(y0 * rowBytes, (y1 - y0) * rowBytes)))
            {
                referenceSums.AsSpan(cy * columns, columns).CopyTo(cells.AsSpan(cy * columns, columns));
                return;
            }
            for (var y = y0; y < y1; y++)
            {
                var i = y * rowBytes;
                for (var x = 0; x < width; x++, i += RgbaImage.BytesPerPixel)
                    cells[cy * columns + x / CellSize] += Luma(p, i);
            }
        });
        return cells;
    }

    /// <summary>Each pixel's 3×3 channel sums (edges repeated), R, G, B per pixel: the blurred target <see cref="Differs"/> compares with.</summary>
    private static ushort[] BoxSums(RgbaImage image)
    {
        var width = image.Width;
        var height = image.Height;
        var p = image.Pixels;
        var across = new ushort[width * height * 3];
        Parallel.For(0, height, y =>
        {
            for (var x = 0; x < width; x++)
            {
                var l = (y * width + Math.Max(0, x - 1)) * RgbaImage.BytesPerPixel;
                var m = (y * width + x) * RgbaImage.BytesPerPixel;
                var r = (y * width + Math.Min(width - 1, x + 1)) * RgbaImage.BytesPerPixel;
                var o = (y * width + x) * 3;
                for (var c = 0; c < 3; c++)
                    across[o + c] = (ushort)(p[l + c] + p[m + c] + p[r + c]);
            }
        });
        var sums = new ushort[across.Length];
        Parallel.For(0, height, y =>
        {
            var up = Math.Max(0, y - 1) * width * 3;
            var mid = y * width * 3;
            var down = Math.Min(height - 1, y + 1) * width * 3;
            for (var k = 0; k < width * 3; k++)
                sums[mid + k] = (ushort)(across[up + k] + across[mid + k] + across[down + k]);
        });
        return sums;
    }

    /// <summary>Joins cells with visibly differing pixels into regions and describes those large enough.</summary>
    private static List<LayoutDifference> Differences(RgbaImage target, RgbaImage render, int[] counts)
    {
        var columns = (target.Width + CellSize - 1) / CellSize;
        var rows = counts.Length / columns;
        var seen = new bool[counts.Length];
        var stack = new Stack<int>();
        var differences = new List<LayoutDifference>();
        for (var start = 0; start < counts.Length; start++)
        {
            if (counts[start] < MinCellPixels || seen[start])
                continue;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            long pixels = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var cell = stack.Pop();
                int cx = cell % columns, cy = cell / columns;
                (x0, y0, x1, y1) = (Math.Min(x0, cx), Math.Min(y0, cy), Math.Max(x1, cx), Math.Max(y1, cy));
                pixels += counts[cell];
                for (var ny = Math.Max(0, cy - 2); ny <= Math.Min(rows - 1, cy + 2); ny++)
                {
                    for (var nx = Math.Max(0, cx - 2); nx <= Math.Min(columns - 1, cx + 2); nx++)
                    {
                        var next = ny * columns + nx;
                        if (counts[next] >= MinCellPixels && !seen[next])
                        {
                            seen[next] = true;
                            stack.Push(next);
                        }
                    }
                }
            }
            if (pixels < MinDifferencePixels)
                continue;
            var box = new PixelRect(x0 * CellSize, y0 * CellSize, (x1 - x0 + 1) * CellSize, (y1 - y0 + 1) * CellSize).ClipTo(target.Width, target.Height);
            var (kind, detail) = Classify(target, render, box);
            differences.Add(new LayoutDifference(kind, box.X, box.Y, box.Width, box.Height, pixels, detail));
        }
        differences.Sort((p, q) => q.Pixels.CompareTo(p.Pixels));
        return differences;
    }

    /// <summary>
    /// What a difference inside <paramref name="box"/> looks like: each image's ink (pixels far from the most common
    /// colour just around the box) is compared by amount, overlap, bounding box and mean colour.
    /// </summary>
    private static (DifferenceKind Kind, string Detail) Classify(RgbaImage target, RgbaImage render, PixelRect box)
    {
        var around = new PixelRect(box.X - 2, box.Y - 2, box.Width + 4, box.Height + 4).ClipTo(target.Width, target.Height);
        var bgT = Surrounding(target, around);
        var bgR = Surrounding(render, around);
        var t = Ink(target, around, bgT);
        var r = Ink(render, around, bgR);
        long both = 0;
        var tp = target.Pixels;
        var rp = render.Pixels;
        for (var y = around.Y; y < around.Bottom; y++)
        {
            for (var x = around.X; x < around.Right; x++)
            {
                var i = (y * target.Width + x) * RgbaImage.BytesPerPixel;
                if (Distance(tp, i, bgT) > InkDistance && Distance(rp, i, bgR) > InkDistance)
                    both++;
            }
        }
        if (t.Count == 0 && r.Count == 0)
            return (DifferenceKind.Color, $"background colour: target {Hex(bgT)}, render {Hex(bgR)}");
        if (t.Count <= r.Count * 0.15)
            return (DifferenceKind.Extra, $"the render has content here ({Hex(r.Mean)}, {r.Box.Width}×{r.Box.Height} px at x={r.Box.X} y={r.Box.Y}) that the target lacks");
        if (r.Count <= t.Count * 0.15)
            return (DifferenceKind.Missing, $"the target has content here ({Hex(t.Mean)}, {t.Box.Width}×{t.Box.Height} px at x={t.Box.X} y={t.Box.Y}) that the render lacks");
        var overlap = (double)both / (t.Count + r.Count - both);
        var inkDelta = ColorDifference.Ciede2000(t.Mean.R, t.Mean.G, t.Mean.B, r.Mean.R, r.Mean.G, r.Mean.B);
        var bgDelta = ColorDifference.Ciede2000(bgT.R, bgT.G, bgT.B, bgR.R, bgR.G, bgR.B);
        if (overlap >= 0.6 && (inkDelta >= 5 || bgDelta >= 5))
        {
            return inkDelta >= bgDelta
                ? (DifferenceKind.Color, $"colour: target {Hex(t.Mean)}, render {Hex(r.Mean)}")
                : (DifferenceKind.Color, $"background colour: target {Hex(bgT)}, render {Hex(bgR)}");
        }
        int dw = r.Box.Width - t.Box.Width, dh = r.Box.Height - t.Box.Height;
        int dx = r.Box.X - t.Box.X, dy = r.Box.Y - t.Box.Y;
        if (Math.Abs(dw) <= 3 && Math.Abs(dh) <= 3 && Math.Abs(dx) + Math.Abs(dy) >= 2)
            return (DifferenceKind.Position, string.Create(CultureInfo.InvariantCulture, $"moved: the render's content is {Offset(dx, "right", "left")} and {Offset(dy, "lower", "higher")} than the target's"));
        if (Math.Abs(dw) > Math.Max(3, t.Box.Width * 0.06) || Math.Abs(dh) > Math.Max(3, t.Box.Height * 0.06))
            return (DifferenceKind.Size, string.Create(CultureInfo.InvariantCulture, $"size: the target's content is {t.Box.Width}×{t.Box.Height} px, the render's {r.Box.Width}×{r.Box.Height} px"));
        return (DifferenceKind.Content, "other text or shapes (wording, weight, order or corners)");
    }

    private static string Offset(int d, string positive, string negative) =>
        d == 0 ? "0 px " + positive : string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(d)} px {(d > 0 ? positive : negative)}");

    private static string Hex((int R, int G, int B) c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    private static int Distance(byte[] pixels, int i, (int R, int G, int B) c) =>
        Math.Abs(pixels[i] - c.R) + Math.Abs(pixels[i + 1] - c.G) + Math.Abs(pixels[i + 2] - c.B);

    /// <summary>The most common colour on the edge of <paramref name="box"/>.</summary>
    private static (int R, int G, int B) Surrounding(RgbaImage image, PixelRect box)
    {
        var tally = new Dictionary<uint, int>();
        var pixels = MemoryMarshal.Cast<byte, uint>(image.Pixels.AsSpan());
        for (var x = box.X; x < box.Right; x++)
        {
            Count(pixels[box.Y * image.Width + x]);
            Count(pixels[(box.Bottom - 1) * image.Width + x]);
        }
        for (var y = box.Y; y < box.Bottom; y++)
        {
            Count(pixels[y * image.Width + box.X]);
            Count(pixels[y * image.Width + box.Right - 1]);
        }
        var mode = tally.MaxBy(e => e.Value).Key;
        var bytes = BitConverter.GetBytes(mode);
        return BitConverter.IsLittleEndian ? (bytes[0], bytes[1], bytes[2]) : (bytes[3], bytes[2], bytes[1]);

        void Count(uint colour) => tally[colour] = tally.GetValueOrDefault(colour) + 1;
    }

    private static (long Count, PixelRect Box, (int R, int G, int B) Mean) Ink(RgbaImage image, PixelRect box, (int R, int G, int B) background)
    {
        long count = 0, r = 0, g = 0, b = 0;
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        var p = image.Pixels;
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                var i = (y * image.Width + x) * RgbaImage.BytesPerPixel;
                if (Distance(p, i, background) <= InkDistance)
                    continue;
                count++;
                r += p[i];
                g += p[i + 1];
                b += p[i + 2];
                (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y));
            }
        }
        return count == 0
            ? (0, new PixelRect(box.X, box.Y, 0, 0), background)
            : (count, new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1), ((int)(r / count), (int)(g / count), (int)(b / count)));
    }

    internal static List<(LayoutBlock A, LayoutBlock B)> Match(List<LayoutBlock> a, List<LayoutBlock> b)
    {
        var used = new bool[b.Count];
        var matches = new List<(LayoutBlock, LayoutBlock)>();
        foreach (var x in a.OrderByDescending(x => x.Cells))
        {
            var best = -1;
            var bestIou = MinMatchIou;
            for (var j = 0; j < b.Count; j++)
            {
                if (used[j])
                    continue;
                var iou = Iou(x, b[j]);
                if (iou >= bestIou)
                {
                    best = j;
                    bestIou = iou;
                }
            }
            if (best < 0)
                continue;
            used[best] = true;
            matches.Add((x, b[best]));
        }
        return matches;
    }

    private static double Iou(LayoutBlock a, LayoutBlock b)
    {
        var w = Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0) + 1;
        var h = Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0) + 1;
        if (w <= 0 || h <= 0)
            return 0;
        double inter = (long)w * h;
        return inter / (a.BoxArea + b.BoxArea - inter);
    }

    internal static double CentreDistance(LayoutBlock a, LayoutBlock b, RgbaImage ia, RgbaImage ib)
    {
        // Centres in fractions of each image's size, so renders at another scale still compare.
        var ax = (a.X0 + a.X1 + 1) * 0.5 * CellSize / ia.Width;
        var ay = (a.Y0 + a.Y1 + 1) * 0.5 * CellSize / ia.Height;
        var bx = (b.X0 + b.X1 + 1) * 0.5 * CellSize / ib.Width;
        var by = (b.Y0 + b.Y1 + 1) * 0.5 * CellSize / ib.Height;
        return Math.Min(1, Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by)) / Math.Sqrt(2));
    }

    internal static List<LayoutBlock> Blocks(RgbaImage image)
    {
        var columns = (image.Width + CellSize - 1) / CellSize;
        var rows = (image.Height + CellSize - 1) / CellSize;
        var sums = new int[columns * rows * 3];
        var range = new byte[columns * rows];
        var pixels = image.Pixels;
        Parallel.For(0, rows, cy =>
        {
            var y0 = cy * CellSize;
            var y1 = Math.Min(image.Height, y0 + CellSize);
            for (var cx = 0; cx < columns; cx++)
            {
                var x0 = cx * CellSize;
                var span = (Math.Min(image.Width, x0 + CellSize) - x0) * RgbaImage.BytesPerPixel;
                int r = 0, g = 0, b = 0, lo = 255, hi = 0;
                for (var y = y0; y < y1; y++)
                {
                    var row = pixels.AsSpan(y * image.Stride + x0 * RgbaImage.BytesPerPixel, span);
                    for (var i = 0; i < row.Length; i += RgbaImage.BytesPerPixel)
                    {
                        int pr = row[i], pg = row[i + 1], pb = row[i + 2];
                        r += pr;
                        g += pg;
                        b += pb;
                        var luma = (pr * 2 + pg * 5 + pb) >> 3;
                        lo = Math.Min(lo, luma);
                        hi = Math.Max(hi, luma);
                    }
                }
                var cell = cy * columns + cx;
                sums[cell * 3] = r;
                sums[cell * 3 + 1] = g;
                sums[cell * 3 + 2] = b;
                range[cell] = (byte)(hi - lo);
            }
        });

        var means = new (int R, int G, int B)[columns * rows];
        var histogram = new int[ColourBins];
        for (var cell = 0; cell < means.Length; cell++)
        {
            var cx = cell % columns;
            var cy = cell / columns;
            var count = (Math.Min(image.Width, (cx + 1) * CellSize) - cx * CellSize) * (Math.Min(image.Height, (cy + 1) * CellSize) - cy * CellSize);
            means[cell] = (sums[cell * 3] / count, sums[cell * 3 + 1] / count, sums[cell * 3 + 2] / count);
            var key = (means[cell].R >> 4 << 8) | (means[cell].G >> 4 << 4) | (means[cell].B >> 4);
            histogram[key]++;
        }
        var backgroundKey = Array.IndexOf(histogram, histogram.Max());
        var background = means.First(m => ((m.R >> 4 << 8) | (m.G >> 4 << 4) | (m.B >> 4)) == backgroundKey);

        var foreground = new bool[means.Length];
        for (var cell = 0; cell < means.Length; cell++)
        {
            var m = means[cell];
            foreground[cell] = range[cell] >= ContrastRange ||
                               Math.Abs(m.R - background.R) + Math.Abs(m.G - background.G) + Math.Abs(m.B - background.B) >= BackgroundDistance;
        }

        var blocks = new List<LayoutBlock>();
        var seen = new bool[means.Length];
        var stack = new Stack<int>();
        for (var start = 0; start < means.Length; start++)
        {
            if (!foreground[start] || seen[start])
                continue;
            var block = new LayoutBlock { X0 = int.MaxValue, Y0 = int.MaxValue, X1 = -1, Y1 = -1 };
            long r = 0, g = 0, b = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var cell = stack.Pop();
                int cx = cell % columns, cy = cell / columns;
                block.Add(cx, cy);
                r += means[cell].R;
                g += means[cell].G;
                b += means[cell].B;
                Visit(cx - 1, cy);
                Visit(cx + 1, cy);
                Visit(cx, cy - 1);
                Visit(cx, cy + 1);
            }
            block.R = (double)r / block.Cells;
            block.G = (double)g / block.Cells;
            block.B = (double)b / block.Cells;
            blocks.Add(block);
        }
        return blocks;

        void Visit(int cx, int cy)
        {
            if (cx < 0 || cy < 0 || cx >= columns || cy >= rows)
                return;
            var cell = cy * columns + cx;
            if (foreground[cell] && !seen[cell])
            {
                seen[cell] = true;
                stack.Push(cell);
            }
        }
    }
}
