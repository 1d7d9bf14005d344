using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// PNG's five row filters (None, Sub, Up, Average, Paeth) and the choice between them per row. A flat row (at least
/// <see cref="FlatShare"/> of its bytes equal to the byte one pixel to the left: plain backgrounds, text, UI) stays
/// unfiltered, so deflate finds its repeated glyphs and runs whole; filtering breaks those repeats (on page screenshots,
/// unfiltered rows compressed to 0.89× the bytes of libpng's choice). Other rows get libpng's heuristic: the filter whose
/// output has the smallest sum of absolute values read as signed bytes. All five filters are computed from the
/// unfiltered rows, so they vectorise: 32 bytes a step with AVX2.
/// </summary>
internal static class PngRowFilter
{
    public const byte None = 0;
    public const byte Sub = 1;
    public const byte Up = 2;
    public const byte Average = 3;
    public const byte Paeth = 4;

    /// <summary>Rows of scratch space <see cref="FilterRow"/> needs: one per filter besides None.</summary>
    public const int ScratchRows = 4;

    /// <summary>The share of bytes equal to their left neighbour from which a row stays unfiltered.</summary>
    private const double FlatShare = 0.3;

    /// <summary>Where the count of zero bytes of the Sub output is kept, after the five sums.</summary>
    private const int FlatCount = 5;

    /// <summary>
    /// Writes the filter type byte and the filtered <paramref name="current"/> row to <paramref name="output"/>
    /// (one byte longer than the row), choosing the filter as the type's summary says. <paramref name="scratch"/>
    /// holds <see cref="ScratchRows"/> rows' worth of bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FilterRow(ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, int bytesPerPixel, Span<byte> scratch, Span<byte> output)
    {
        var length = current.Length;
        var sub = scratch[..length];
        var up = scratch.Slice(length, length);
        var average = scratch.Slice(2 * length, length);
        var paeth = scratch.Slice(3 * length, length);
        Span<ulong> sums = stackalloc ulong[6];
        var i = 0;
        for (; i < bytesPerPixel && i < length; i++)
            Filter(current, previous, bytesPerPixel, i, sub, up, average, paeth, sums);
        if (Avx2.IsSupported)
            i = FilterAvx2(current, previous, bytesPerPixel, i, sub, up, average, paeth, sums);
        for (; i < length; i++)
            Filter(current, previous, bytesPerPixel, i, sub, up, average, paeth, sums);

        var best = None;
        if (sums[FlatCount] < FlatShare * length)
        {
            for (var filter = Sub; filter <= Paeth; filter++)
            {
                if (sums[filter] < sums[best])
                    best = filter;
            }
        }
        output[0] = best;
        var chosen = best switch
        {
            None => current,
            Sub => sub,
            Up => up,
            Average => average,
            _ => paeth,
        };
        chosen.CopyTo(output[1..]);
    }

    /// <summary>Byte <paramref name="i"/> of all five filters, adding each to its sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Filter(ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, int bytesPerPixel, int i,
        Span<byte> sub, Span<byte> up, Span<byte> average, Span<byte> paeth, Span<ulong> sums)
    {
        int x = current[i];
        int b = previous[i];
        int a = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
        int c = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
        sub[i] = (byte)(x - a);
        up[i] = (byte)(x - b);
        average[i] = (byte)(x - ((a + b) >> 1));
        paeth[i] = (byte)(x - PaethPredictor(a, b, c));
        sums[None] += Magnitude((byte)x);
        sums[Sub] += Magnitude(sub[i]);
        sums[Up] += Magnitude(up[i]);
        sums[Average] += Magnitude(average[i]);
        sums[Paeth] += Magnitude(paeth[i]);
        if (i >= bytesPerPixel && x == a)
            sums[FlatCount]++;
    }

    /// <summary>The Paeth predictor of the PNG specification (section 9.4): a, b or c, whichever is nearest a + b − c.</summary>
    public static int PaethPredictor(int a, int b, int c)
    {
        var pa = Math.Abs(b - c);
        var pb = Math.Abs(a - c);
        var pc = Math.Abs(a + b - 2 * c);
        if (pa <= pb && pa <= pc)
            return a;
        return pb <= pc ? b : c;
    }

    /// <summary>|v| with v read as a signed byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Magnitude(byte v) => v < 128 ? v : 256u - v;

    /// <summary>Whole 32-byte blocks from <paramref name="start"/> (≥ bytes per pixel); returns where the scalar tail begins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FilterAvx2(ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, int bytesPerPixel, int start,
        Span<byte> sub, Span<byte> up, Span<byte> average, Span<byte> paeth, Span<ulong> sums)
    {
        ref var cur = ref MemoryMarshal.GetReference(current);
        ref var prev = ref MemoryMarshal.GetReference(previous);
        ref var subOut = ref MemoryMarshal.GetReference(sub);
        ref var upOut = ref MemoryMarshal.GetReference(up);
        ref var averageOut = ref MemoryMarshal.GetReference(average);
        ref var paethOut = ref MemoryMarshal.GetReference(paeth);
        var one = Vector256.Create((byte)1);
        Vector256<ulong> sumNone = default, sumSub = default, sumUp = default, sumAverage = default, sumPaeth = default;
        var flat = 0UL;
        var i = start;
        for (; i + Vector256<byte>.Count <= current.Length; i += Vector256<byte>.Count)
        {
            var x = Vector256.LoadUnsafe(ref cur, (nuint)i);
            var b = Vector256.LoadUnsafe(ref prev, (nuint)i);
            var a = Vector256.LoadUnsafe(ref cur, (nuint)(i - bytesPerPixel));
            var c = Vector256.LoadUnsafe(ref prev, (nuint)(i - bytesPerPixel));

            var s = x - a;
            var u = x - b;
            // floor((a + b) / 2): the rounded-up average minus the carry of the odd bit.
            var v = x - (Avx2.Average(a, b) - ((a ^ b) & one));
            var p = x - PaethAvx2(a, b, c);
            s.StoreUnsafe(ref subOut, (nuint)i);
            u.StoreUnsafe(ref upOut, (nuint)i);
            v.StoreUnsafe(ref averageOut, (nuint)i);
            p.StoreUnsafe(ref paethOut, (nuint)i);

            sumNone += SumMagnitudes(x);
            sumSub += SumMagnitudes(s);
            sumUp += SumMagnitudes(u);
            sumAverage += SumMagnitudes(v);
            sumPaeth += SumMagnitudes(p);
            flat += (ulong)BitOperations.PopCount(Vector256.Equals(x, a).ExtractMostSignificantBits());
        }
        sums[None] += Vector256.Sum(sumNone);
        sums[Sub] += Vector256.Sum(sumSub);
        sums[Up] += Vector256.Sum(sumUp);
        sums[Average] += Vector256.Sum(sumAverage);
        sums[Paeth] += Vector256.Sum(sumPaeth);
        sums[FlatCount] += flat;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> SumMagnitudes(Vector256<byte> v) =>
        Avx2.SumAbsoluteDifferences(Avx2.Abs(v.AsSByte()), Vector256<byte>.Zero).AsUInt64();

    /// <summary>The Paeth predictor on 32 bytes, in 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> PaethAvx2(Vector256<byte> a, Vector256<byte> b, Vector256<byte> c)
    {
        var (aLow, aHigh) = Vector256.Widen(a);
        var (bLow, bHigh) = Vector256.Widen(b);
        var (cLow, cHigh) = Vector256.Widen(c);
        var low = PaethLanes(aLow.AsInt16(), bLow.AsInt16(), cLow.AsInt16());
        var high = PaethLanes(aHigh.AsInt16(), bHigh.AsInt16(), cHigh.AsInt16());
        return Vector256.Narrow(low.AsUInt16(), high.AsUInt16());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> PaethLanes(Vector256<short> a, Vector256<short> b, Vector256<short> c)
    {
        var pa = Vector256.Abs(b - c);
        var pb = Vector256.Abs(a - c);
        var pc = Vector256.Abs(a + b - c - c);
        var takeA = Vector256.LessThanOrEqual(pa, pb) & Vector256.LessThanOrEqual(pa, pc);
        var takeB = Vector256.LessThanOrEqual(pb, pc);
        return Vector256.ConditionalSelect(takeA, a, Vector256.ConditionalSelect(takeB, b, c));
    }
}
