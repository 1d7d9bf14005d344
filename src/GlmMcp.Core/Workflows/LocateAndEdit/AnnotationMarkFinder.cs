using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Finds what a user drew on a screenshot of the page — a box, an ellipse or an arrow in any strong colour — by
/// comparing it with a clean render of the same code: ink is a pixel that is strongly coloured in the annotation and
/// clearly different from the clean render. The largest blobs of ink give the mark; its shape decides the region:
/// a box's inside, the rectangle inscribed in an ellipse, or the area just beyond an arrow's head.
/// </summary>
public static class AnnotationMarkFinder
{
    /// <summary>Channel spread (max − min) from which a pixel counts as strongly coloured; 100 of 255 excludes greys and pastels.</summary>
    public const int MinSaturation = 100;

    /// <summary>Sum of absolute channel differences from which annotation and clean render disagree.</summary>
    public const int MinDifference = 150;

    /// <summary>Blobs smaller than this are noise (a few anti-aliased pixels), not a mark.</summary>
    public const int MinBlobPixels = 30;

    /// <summary>Blobs under this share of the largest one are stray strokes, not part of the mark.</summary>
    public const double MinShareOfLargest = 0.2;

    /// <summary>Half-side ratio of the rectangle inscribed in an ellipse: 1/√2.</summary>
    private const double InscribedRatio = 0.7071;

    public static AnnotationMark Find(RgbaImage annotated, RgbaImage clean)
    {
        if (annotated.Width != clean.Width || annotated.Height != clean.Height)
            throw new UserInputException(
                $"'annotated_image' is {annotated.Width}×{annotated.Height} but the page renders at {clean.Width}×{clean.Height}. " +
                "Draw on a screenshot of the current page at the session's size (the render this tool returned), or pass 'region' instead.");

        var ink = InkMask(annotated, clean);
        var blobs = Blobs(ink, annotated.Width, annotated.Height);
        if (blobs.Count == 0)
            throw new UserInputException(
                "No drawn mark found in 'annotated_image': draw a box, an ellipse or an arrow in a strong colour (red, blue, green…) " +
                "on a screenshot of the current page, or pass 'region' or 'target' instead.");
        var largest = blobs.Max(b => b.Pixels);
        var kept = blobs.Where(b => b.Pixels >= largest * MinShareOfLargest).ToList();
        int x0 = kept.Min(b => b.X0), y0 = kept.Min(b => b.Y0), x1 = kept.Max(b => b.X1), y1 = kept.Max(b => b.Y1);
        var bounds = new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        var pixels = kept.Sum(b => b.Pixels);

        if (Encloses(ink, annotated.Width, bounds))
        {
            var stroke = StrokeWidth(ink, annotated.Width, bounds);
            if (HasCorners(ink, annotated.Width, bounds))
            {
                var inside = new PixelRect(x0 + stroke, y0 + stroke, Math.Max(1, bounds.Width - 2 * stroke), Math.Max(1, bounds.Height - 2 * stroke));
                return new AnnotationMark(inside, MarkShape.Box, bounds, pixels);
            }
            var halfWidth = (bounds.Width / 2.0 - stroke) * InscribedRatio;
            var halfHeight = (bounds.Height / 2.0 - stroke) * InscribedRatio;
            var cx = bounds.X + bounds.Width / 2.0;
            var cy = bounds.Y + bounds.Height / 2.0;
            var inscribed = new PixelRect((int)(cx - halfWidth), (int)(cy - halfHeight), Math.Max(1, (int)(2 * halfWidth)), Math.Max(1, (int)(2 * halfHeight)));
            return new AnnotationMark(inscribed, MarkShape.Ellipse, bounds, pixels);
        }
        return new AnnotationMark(BeyondArrowHead(ink, annotated.Width, annotated.Height, bounds), MarkShape.Arrow, bounds, pixels);
    }

    private static bool[] InkMask(RgbaImage annotated, RgbaImage clean)
    {
        var mask = new bool[annotated.Width * annotated.Height];
        var a = annotated.Pixels;
        var c = clean.Pixels;
        Parallel.For(0, annotated.Height, y =>
        {
            var row = y * annotated.Width;
            for (var x = 0; x < annotated.Width; x++)
            {
                var i = (row + x) * RgbaImage.BytesPerPixel;
                int r = a[i], g = a[i + 1], b = a[i + 2];
                var spread = Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
                if (spread < MinSaturation)
                    continue;
                var difference = Math.Abs(r - c[i]) + Math.Abs(g - c[i + 1]) + Math.Abs(b - c[i + 2]);
                mask[row + x] = difference >= MinDifference;
            }
        });
        return mask;
    }

    private static List<Blob> Blobs(bool[] ink, int width, int height)
    {
        var seen = new bool[ink.Length];
        var blobs = new List<Blob>();
        var stack = new Stack<int>();
        for (var start = 0; start < ink.Length; start++)
        {
            if (!ink[start] || seen[start])
                continue;
            var blob = new Blob { X0 = int.MaxValue, Y0 = int.MaxValue, X1 = -1, Y1 = -1 };
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int px = p % width, py = p / width;
                blob.Add(px, py);
                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = py + dy;
                    if (ny < 0 || ny >= height)
                        continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = px + dx;
                        if (nx < 0 || nx >= width)
                            continue;
                        var q = ny * width + nx;
                        if (ink[q] && !seen[q])
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
                }
            }
            if (blob.Pixels >= MinBlobPixels)
                blobs.Add(blob);
        }
        return blobs;
    }

    /// <summary>
    /// A loop surrounds its centre: rays from the centre meet ink in at least three of four directions, and only
    /// in the outer half (an arrow's shaft runs through the centre of its own bounds).
    /// </summary>
    private static bool Encloses(bool[] ink, int width, PixelRect bounds)
    {
        var cx = bounds.X + bounds.Width / 2;
        var cy = bounds.Y + bounds.Height / 2;
        var hits = 0;
        foreach (var (dx, dy, reach) in new[] { (1, 0, bounds.Right - cx), (-1, 0, cx - bounds.X + 1), (0, 1, bounds.Bottom - cy), (0, -1, cy - bounds.Y + 1) })
        {
            for (var step = 0; step < reach; step++)
            {
                if (!ink[(cy + dy * step) * width + cx + dx * step])
                    continue;
                if (step >= reach / 2)
                    hits++;
                break;
            }
        }
        return hits >= 3;
    }

    /// <summary>A rectangle has ink in (most of) its bounds' corners; an ellipse leaves them empty.</summary>
    private static bool HasCorners(bool[] ink, int width, PixelRect bounds)
    {
        var size = Math.Max(2, Math.Min(bounds.Width, bounds.Height) / 10);
        var corners = 0;
        foreach (var (x, y) in new[] { (bounds.X, bounds.Y), (bounds.Right - size, bounds.Y), (bounds.X, bounds.Bottom - size), (bounds.Right - size, bounds.Bottom - size) })
        {
            var found = false;
            for (var yy = y; yy < y + size && !found; yy++)
            {
                for (var xx = x; xx < x + size && !found; xx++)
                    found = ink[yy * width + xx];
            }
            if (found)
                corners++;
        }
        return corners >= 3;
    }

    /// <summary>The stroke's thickness, measured along the horizontal line through the middle from the left edge.</summary>
    private static int StrokeWidth(bool[] ink, int width, PixelRect bounds)
    {
        var y = bounds.Y + bounds.Height / 2;
        var x = bounds.X;
        while (x < bounds.Right && !ink[y * width + x])
            x++;
        var start = x;
        while (x < bounds.Right && ink[y * width + x])
            x++;
        return Math.Clamp(x - start, 1, Math.Max(1, Math.Min(bounds.Width, bounds.Height) / 4));
    }

    /// <summary>
    /// The arrow's two ends are its extreme ink along its main axis; the head is the end with more ink near it (the
    /// arrowhead's wings). The region is a square just beyond the tip, pointing the way the arrow points.
    /// </summary>
    private static PixelRect BeyondArrowHead(bool[] ink, int width, int height, PixelRect bounds)
    {
        double sumX = 0, sumY = 0, n = 0;
        for (var y = bounds.Y; y < bounds.Bottom; y++)
        {
            for (var x = bounds.X; x < bounds.Right; x++)
            {
                if (!ink[y * width + x])
                    continue;
                sumX += x;
                sumY += y;
                n++;
            }
        }
        double mx = sumX / n, my = sumY / n, sxx = 0, syy = 0, sxy = 0;
        for (var y = bounds.Y; y < bounds.Bottom; y++)
        {
            for (var x = bounds.X; x < bounds.Right; x++)
            {
                if (!ink[y * width + x])
                    continue;
                sxx += (x - mx) * (x - mx);
                syy += (y - my) * (y - my);
                sxy += (x - mx) * (y - my);
            }
        }
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        double ux = Math.Cos(angle), uy = Math.Sin(angle);
        double min = double.MaxValue, max = double.MinValue;
        (double X, double Y) lowEnd = default, highEnd = default;
        for (var y = bounds.Y; y < bounds.Bottom; y++)
        {
            for (var x = bounds.X; x < bounds.Right; x++)
            {
                if (!ink[y * width + x])
                    continue;
                var t = (x - mx) * ux + (y - my) * uy;
                if (t < min)
                {
                    min = t;
                    lowEnd = (x, y);
                }
                if (t > max)
                {
                    max = t;
                    highEnd = (x, y);
                }
            }
        }
        var length = Math.Max(1, max - min);
        var radius = length * 0.2;
        double nearLow = 0, nearHigh = 0;
        for (var y = bounds.Y; y < bounds.Bottom; y++)
        {
            for (var x = bounds.X; x < bounds.Right; x++)
            {
                if (!ink[y * width + x])
                    continue;
                var t = (x - mx) * ux + (y - my) * uy;
                if (t - min < radius)
                    nearLow++;
                if (max - t < radius)
                    nearHigh++;
            }
        }
        var (tip, direction) = nearHigh >= nearLow ? (highEnd, 1.0) : (lowEnd, -1.0);
        var side = Math.Max(40, length * 0.4);
        var centreX = tip.X + direction * ux * side / 2;
        var centreY = tip.Y + direction * uy * side / 2;
        return new PixelRect((int)(centreX - side / 2), (int)(centreY - side / 2), (int)side, (int)side).ClipTo(width, height);
    }

    private sealed class Blob
    {
        public int X0 { get; set; }

        public int Y0 { get; set; }

        public int X1 { get; set; }

        public int Y1 { get; set; }

        public long Pixels { get; private set; }

        public void Add(int x, int y)
        {
            Pixels++;
            X0 = Math.Min(X0, x);
            Y0 = Math.Min(Y0, y);
            X1 = Math.Max(X1, x);
            Y1 = Math.Max(Y1, y);
        }
    }
}
