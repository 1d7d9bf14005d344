using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Pixel comparison with pixelmatch 7.2.0's metric, to the count: the YIQ colour delta of Kotsarenko and Ramos
/// against <c>35215 · threshold²</c>, semi-transparent pixels blended over white (pixelmatch's
/// <c>checkerboard: false</c>), and Vyšniauskas's anti-aliasing detector. The arithmetic below keeps pixelmatch's
/// operand order, in doubles, so every rounding step matches.
/// Speed: rows whose bytes are equal are skipped whole, then 8 pixels at a time with <see cref="Vector256"/>; where
/// all 8 are opaque in both images the YIQ delta of all 8 is computed at once in double lanes (the same operations in
/// the same order as the scalar code, so the same roundings), and only pixels above the threshold go on to the scalar
/// path and the anti-aliasing test; row bands run in parallel.
/// </summary>
internal static class PixelmatchComparer
{
    /// <summary>The largest possible YIQ delta (black against white), pixelmatch's constant.</summary>
    private const double MaxYiqDelta = 35215;

    private const int RowsPerBand = 32;
    private const int PixelsPerBlock = 8;

    private static readonly Vector256<uint> Opaque = Vector256.Create(0xFF000000u);

    /// <summary>
    /// Compares two images of the same size. Pixels outside <paramref name="common"/> (the area both inputs really
    /// cover; the rest is padding) count as changed; pixels inside <paramref name="ignore"/> are never marked.
    /// </summary>
    public static DiffMap Compare(RgbaImage a, RgbaImage b, double threshold, bool includeAntialiasing, PixelRect common, IReadOnlyList<PixelRect> ignore)
    {
        if (a.Width != b.Width || a.Height != b.Height)
            throw new ArgumentException($"Images must be the same size: {a.Width}×{a.Height} and {b.Width}×{b.Height}.");
        var context = new Context(a, b, MaxYiqDelta * threshold * threshold, includeAntialiasing, common.ClipTo(a.Width, a.Height),
            ignore.Select(r => r.ClipTo(a.Width, a.Height)).Where(r => !r.IsEmpty).ToArray(), new DiffMap(a.Width, a.Height));
        var bands = (a.Height + RowsPerBand - 1) / RowsPerBand;
        long changed = 0, antiAliased = 0;
        Parallel.For(0, bands, band =>
        {
            var counts = new Counts();
            var end = Math.Min(a.Height, (band + 1) * RowsPerBand);
            for (var y = band * RowsPerBand; y < end; y++)
                CompareRow(context, y, ref counts);
            Interlocked.Add(ref changed, counts.Changed);
            Interlocked.Add(ref antiAliased, counts.AntiAliased);
        });
        context.Map.ChangedPixels = changed;
        context.Map.AntiAliasedPixels = antiAliased;
        return context.Map;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CompareRow(Context c, int y, ref Counts counts)
    {
        var width = c.A.Width;
        if (y >= c.Common.Bottom)
        {
            for (var x = 0; x < width; x++)
                MarkForced(c, x, y, ref counts);
            return;
        }

        ReadOnlySpan<uint> a32 = MemoryMarshal.Cast<byte, uint>(c.A.Pixels.AsSpan());
        ReadOnlySpan<uint> b32 = MemoryMarshal.Cast<byte, uint>(c.B.Pixels.AsSpan());
        var commonWidth = c.Common.Right;
        var rowA = a32.Slice(y * width, commonWidth);
        var rowB = b32.Slice(y * width, commonWidth);
        if (!rowA.SequenceEqual(rowB))
        {
            var x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref var refA = ref MemoryMarshal.GetReference(rowA);
                ref var refB = ref MemoryMarshal.GetReference(rowB);
                for (; x <= commonWidth - PixelsPerBlock; x += PixelsPerBlock)
                {
                    var va = Vector256.LoadUnsafe(ref refA, (nuint)x);
                    var vb = Vector256.LoadUnsafe(ref refB, (nuint)x);
                    if (va == vb)
                        continue;
                    var differing = ~Vector256.Equals(va, vb).ExtractMostSignificantBits() & 0xFFu;
                    if (Avx.IsSupported && ((va & vb & Opaque) == Opaque))
                        differing &= AboveThreshold(va, vb, c.MaxDelta);
                    while (differing != 0)
                    {
                        ComparePixel(c, x + BitOperations.TrailingZeroCount(differing), y, ref counts);
                        differing &= differing - 1;
                    }
                }
            }
            for (; x < commonWidth; x++)
            {
                if (rowA[x] != rowB[x])
                    ComparePixel(c, x, y, ref counts);
            }
        }
        for (var x = commonWidth; x < width; x++)
            MarkForced(c, x, y, ref counts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComparePixel(Context c, int x, int y, ref Counts counts)
    {
        var width = c.A.Width;
        var pos = (y * width + x) * 4;
        var delta = ColorDelta(c.A.Pixels, c.B.Pixels, pos, pos);
        if (!(Math.Abs(delta) > c.MaxDelta) || IsIgnored(c, x, y))
            return;
        ref var bytesA = ref MemoryMarshal.GetArrayDataReference(c.A.Pixels);
        ref var bytesB = ref MemoryMarshal.GetArrayDataReference(c.B.Pixels);
        ref var wordsA = ref Unsafe.As<byte, uint>(ref bytesA);
        ref var wordsB = ref Unsafe.As<byte, uint>(ref bytesB);
        var antiAliased = !c.IncludeAntialiasing &&
            (Antialiased(ref bytesA, x, y, width, c.A.Height, ref wordsA, ref wordsB) ||
             Antialiased(ref bytesB, x, y, width, c.A.Height, ref wordsB, ref wordsA));
        c.Map.TouchRow(y)[x] = antiAliased ? DiffMap.AntiAliased : DiffMap.Changed;
        if (antiAliased)
            counts.AntiAliased++;
        else
            counts.Changed++;
    }

    private static void MarkForced(Context c, int x, int y, ref Counts counts)
    {
        if (IsIgnored(c, x, y))
            return;
        c.Map.TouchRow(y)[x] = DiffMap.Changed;
        counts.Changed++;
    }

    private static bool IsIgnored(Context c, int x, int y)
    {
        foreach (var rect in c.Ignore)
        {
            if (rect.Contains(x, y))
                return true;
        }
        return false;
    }

    // Hot loops are compiled fully optimised at once: a server may run only a handful of diffs, never reaching tier 1.
    /// <summary>pixelmatch <c>colorDelta</c>: squared YIQ distance, negative when the second pixel is darker.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ColorDelta(byte[] img1, byte[] img2, int k, int m)
    {
        int r1 = img1[k], g1 = img1[k + 1], b1 = img1[k + 2], a1 = img1[k + 3];
        int r2 = img2[m], g2 = img2[m + 1], b2 = img2[m + 2], a2 = img2[m + 3];
        double dr = r1 - r2;
        double dg = g1 - g2;
        double db = b1 - b2;
        var da = a1 - a2;
        if (a1 < 255 || a2 < 255)
        {
            // Blend over white (255): the numerators are exact integers, as in JavaScript.
            dr = (r1 * a1 - r2 * a2 - 255 * da) / 255.0;
            dg = (g1 * a1 - g2 * a2 - 255 * da) / 255.0;
            db = (b1 * a1 - b2 * a2 - 255 * da) / 255.0;
        }
        var y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
        var i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
        var q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
        var delta = 0.5053 * y * y + 0.299 * i * i + 0.1957 * q * q;
        return y > 0 ? -delta : delta;
    }

    /// <summary>
    /// Bit i set where pixel i of the 8 (all opaque in both images) has a YIQ delta above <paramref name="maxDelta"/>:
    /// <see cref="ColorDelta"/>'s opaque path, four pixels per double vector, term by term in its order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint AboveThreshold(Vector256<uint> a, Vector256<uint> b, double maxDelta)
    {
        var channel = Vector256.Create(0xFFu);
        var dr = (a & channel).AsInt32() - (b & channel).AsInt32();
        var dg = ((a >> 8) & channel).AsInt32() - ((b >> 8) & channel).AsInt32();
        var db = ((a >> 16) & channel).AsInt32() - ((b >> 16) & channel).AsInt32();
        var limit = Vector256.Create(maxDelta);
        var low = Vector256.GreaterThan(Delta(Avx.ConvertToVector256Double(dr.GetLower()), Avx.ConvertToVector256Double(dg.GetLower()), Avx.ConvertToVector256Double(db.GetLower())), limit);
        var high = Vector256.GreaterThan(Delta(Avx.ConvertToVector256Double(dr.GetUpper()), Avx.ConvertToVector256Double(dg.GetUpper()), Avx.ConvertToVector256Double(db.GetUpper())), limit);
        return low.ExtractMostSignificantBits() | (high.ExtractMostSignificantBits() << 4);
    }

    /// <summary>The unsigned YIQ delta of <see cref="ColorDelta"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Delta(Vector256<double> dr, Vector256<double> dg, Vector256<double> db)
    {
        var y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
        var i = dr * 0.59597799 - dg * 0.27417610 - db * 0.32180189;
        var q = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
        return Vector256.Create(0.5053) * y * y + Vector256.Create(0.299) * i * i + Vector256.Create(0.1957) * q * q;
    }

    /// <summary>pixelmatch <c>brightnessDelta</c>: the Y (luma) difference only. <paramref name="m"/> is a byte offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double BrightnessDelta(ref byte img, int m, int r1, int g1, int b1, int a1)
    {
        int r2 = Unsafe.Add(ref img, m), g2 = Unsafe.Add(ref img, m + 1), b2 = Unsafe.Add(ref img, m + 2), a2 = Unsafe.Add(ref img, m + 3);
        double dr = r1 - r2;
        double dg = g1 - g2;
        double db = b1 - b2;
        var da = a1 - a2;
        if (r1 == r2 && g1 == g2 && b1 == b2 && da == 0)
            return 0;
        if (a1 < 255 || a2 < 255)
        {
            dr = (r1 * a1 - r2 * a2 - 255 * da) / 255.0;
            dg = (g1 * a1 - g2 * a2 - 255 * da) / 255.0;
            db = (b1 * a1 - b2 * a2 - 255 * da) / 255.0;
        }
        return dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
    }

    /// <summary>
    /// pixelmatch <c>antialiased</c> (V. Vyšniauskas, "Anti-aliased Pixel and Intensity Slope Detector", 2009): the
    /// pixel has both a darker and a brighter neighbour, at most two equal ones, and the darkest or brightest
    /// neighbour sits in a flat area (3+ equal neighbours) in both images. Loop order (x outer) and the strict
    /// comparisons decide which neighbour wins ties, so they follow pixelmatch exactly. Coordinates are clamped to
    /// the image, so the unchecked reads stay inside the arrays.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Antialiased(ref byte img, int x1, int y1, int width, int height, ref uint a32, ref uint b32)
    {
        if (Avx.IsSupported && x1 > 0 && y1 > 0 && x1 < width - 1 && y1 < height - 1 &&
            InteriorAntialiased(ref Unsafe.As<byte, uint>(ref img), x1, y1, width, height, ref a32, ref b32) is { } interior)
            return interior;
        var x0 = Math.Max(x1 - 1, 0);
        var y0 = Math.Max(y1 - 1, 0);
        var x2 = Math.Min(x1 + 1, width - 1);
        var y2 = Math.Min(y1 + 1, height - 1);
        var pos4 = (y1 * width + x1) * 4;
        int cr = Unsafe.Add(ref img, pos4), cg = Unsafe.Add(ref img, pos4 + 1), cb = Unsafe.Add(ref img, pos4 + 2), ca = Unsafe.Add(ref img, pos4 + 3);
        var zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
        double min = 0, max = 0;
        int minX = 0, minY = 0, maxX = 0, maxY = 0;
        for (var x = x0; x <= x2; x++)
        {
            for (var y = y0; y <= y2; y++)
            {
                if (x == x1 && y == y1)
                    continue;
                var delta = BrightnessDelta(ref img, (y * width + x) * 4, cr, cg, cb, ca);
                if (delta == 0)
                {
                    zeroes++;
                    if (zeroes > 2)
                        return false;
                }
                else if (delta < min)
                {
                    min = delta;
                    minX = x;
                    minY = y;
                }
                else if (delta > max)
                {
                    max = delta;
                    maxX = x;
                    maxY = y;
                }
            }
        }
        if (min == 0 || max == 0)
            return false;
        return (HasManySiblings(ref a32, minX, minY, width, height) && HasManySiblings(ref b32, minX, minY, width, height)) ||
               (HasManySiblings(ref a32, maxX, maxY, width, height) && HasManySiblings(ref b32, maxX, maxY, width, height));
    }

    /// <summary>
    /// <see cref="Antialiased"/> for a pixel with all eight neighbours inside the image: when the pixel and its
    /// neighbours are opaque, the eight brightness deltas are computed at once in double lanes (the scalar operations,
    /// in their order), then walked in pixelmatch's loop order (x outer: left column, middle, right column, each top to
    /// bottom) with its tie rules. Null when a pixel is translucent, for the scalar path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool? InteriorAntialiased(ref uint img, int x1, int y1, int width, int height, ref uint a32, ref uint b32)
    {
        var here = y1 * width + x1;
        var above = here - width;
        var below = here + width;
        var neighbours = Vector256.Create(
            Unsafe.Add(ref img, above - 1), Unsafe.Add(ref img, here - 1), Unsafe.Add(ref img, below - 1),
            Unsafe.Add(ref img, above), Unsafe.Add(ref img, below),
            Unsafe.Add(ref img, above + 1), Unsafe.Add(ref img, here + 1), Unsafe.Add(ref img, below + 1));
        var center = Vector256.Create(Unsafe.Add(ref img, here));
        if ((neighbours & center & Opaque) != Opaque)
            return null;

        var channel = Vector256.Create(0xFFu);
        var dr = (center & channel).AsInt32() - (neighbours & channel).AsInt32();
        var dg = ((center >> 8) & channel).AsInt32() - ((neighbours >> 8) & channel).AsInt32();
        var db = ((center >> 16) & channel).AsInt32() - ((neighbours >> 16) & channel).AsInt32();
        Span<double> deltas = stackalloc double[8];
        Brightness(Avx.ConvertToVector256Double(dr.GetLower()), Avx.ConvertToVector256Double(dg.GetLower()), Avx.ConvertToVector256Double(db.GetLower())).CopyTo(deltas);
        Brightness(Avx.ConvertToVector256Double(dr.GetUpper()), Avx.ConvertToVector256Double(dg.GetUpper()), Avx.ConvertToVector256Double(db.GetUpper())).CopyTo(deltas[4..]);

        var zeroes = 0;
        double min = 0, max = 0;
        int minAt = 0, maxAt = 0;
        for (var k = 0; k < 8; k++)
        {
            var delta = deltas[k];
            if (delta == 0)
            {
                zeroes++;
                if (zeroes > 2)
                    return false;
            }
            else if (delta < min)
            {
                min = delta;
                minAt = k;
            }
            else if (delta > max)
            {
                max = delta;
                maxAt = k;
            }
        }
        if (min == 0 || max == 0)
            return false;
        // Neighbour k's offset from the pixel, in loop order.
        var (minX, minY) = (x1 + NeighbourX[minAt], y1 + NeighbourY[minAt]);
        var (maxX, maxY) = (x1 + NeighbourX[maxAt], y1 + NeighbourY[maxAt]);
        return (HasManySiblings(ref a32, minX, minY, width, height) && HasManySiblings(ref b32, minX, minY, width, height)) ||
               (HasManySiblings(ref a32, maxX, maxY, width, height) && HasManySiblings(ref b32, maxX, maxY, width, height));
    }

    private static ReadOnlySpan<int> NeighbourX => [-1, -1, -1, 0, 0, 1, 1, 1];

    private static ReadOnlySpan<int> NeighbourY => [-1, 0, 1, -1, 1, -1, 0, 1];

    /// <summary>The brightness delta of <see cref="BrightnessDelta"/>'s opaque path, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Brightness(Vector256<double> dr, Vector256<double> dg, Vector256<double> db) =>
        dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;

    /// <summary>pixelmatch <c>hasManySiblings</c>: 3+ neighbours (the image edge counts as one) equal to the pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasManySiblings(ref uint img, int x1, int y1, int width, int height)
    {
        var x0 = Math.Max(x1 - 1, 0);
        var y0 = Math.Max(y1 - 1, 0);
        var x2 = Math.Min(x1 + 1, width - 1);
        var y2 = Math.Min(y1 + 1, height - 1);
        var value = Unsafe.Add(ref img, y1 * width + x1);
        var zeroes = x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2 ? 1 : 0;
        for (var x = x0; x <= x2; x++)
        {
            for (var y = y0; y <= y2; y++)
            {
                if (x == x1 && y == y1)
                    continue;
                if (value == Unsafe.Add(ref img, y * width + x))
                    zeroes++;
                if (zeroes > 2)
                    return true;
            }
        }
        return false;
    }

    private sealed record Context(
        RgbaImage A, RgbaImage B, double MaxDelta, bool IncludeAntialiasing, PixelRect Common, PixelRect[] Ignore, DiffMap Map);

    private struct Counts
    {
        public long Changed;
        public long AntiAliased;
    }
}
