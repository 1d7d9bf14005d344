using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Draws the overlay or mask picture of a <see cref="DiffMap"/> in one pass per row band, straight as palette indices
/// (the overlay's faded greys take at most 27 levels, so with the three marking colours it always fits a palette).
/// </summary>
internal static class DiffImageRenderer
{
    public static readonly (byte R, byte G, byte B) ChangedColor = (255, 0, 0);
    public static readonly (byte R, byte G, byte B) AntiAliasedColor = (255, 255, 0);
    public static readonly (byte R, byte G, byte B) RegionColor = (0, 102, 255);

    /// <summary>Width of a region's outline, drawn just outside its box.</summary>
    public const int OutlineWidth = 2;

    /// <summary>Opacity of the faded before image, pixelmatch's default <c>alpha</c>.</summary>
    private const double FadeAlpha = 0.1;

    /// <summary>The darkest faded grey: 255 − 255 × <see cref="FadeAlpha"/> = 229.5, stored rounded down.</summary>
    private const int DarkestGrey = 229;

    private const int GreyLevels = 256 - DarkestGrey;

    // Overlay palette, ordered by how telling a colour is, so drawing down keeps the highest index of a footprint:
    // the greys from white (0) to the darkest (GreyLevels − 1), then anti-aliased, region outline and changed.
    private const byte AntiAliasedIndex = GreyLevels;
    private const byte RegionIndex = GreyLevels + 1;
    private const byte ChangedIndex = GreyLevels + 2;

    // Mask palette: transparent first (tRNS covers a prefix), then the changed colour.
    private const byte MaskClearIndex = 0;
    private const byte MaskChangedIndex = 1;

    private const int RowsPerBand = 64;

    // Luma weights of pixelmatch's rgb2y.
    private const double LumaRed = 0.29889531;
    private const double LumaGreen = 0.58662247;
    private const double LumaBlue = 0.11448223;

    /// <summary>
    /// <paramref name="picture"/> (drawn by <see cref="Render"/>) drawn down to <paramref name="width"/>×<paramref name="height"/>
    /// (at most the picture's size): each target pixel takes the most telling colour its footprint holds — changed,
    /// then region outline, then anti-aliased, then the darkest faded grey (overlay) — so a single changed pixel is
    /// never averaged away and the faded page keeps its lines. The palettes are ordered so that this is the highest
    /// index: the footprint's rows are folded with a vector maximum, then each target pixel takes the maximum of its columns.
    /// </summary>
    public static IndexedImage Shrink(IndexedImage picture, int width, int height, DiffImageKind kind)
    {
        var output = new IndexedImage(width, height, kind == DiffImageKind.Overlay ? OverlayPalette() : MaskPalette());
        // Target column x covers the picture's columns columns[x] ..< columns[x + 1].
        var columns = new int[width + 1];
        for (var x = 0; x <= width; x++)
            columns[x] = (int)((long)x * picture.Width / width);
        var bands = (height + RowsPerBand - 1) / RowsPerBand;
        Parallel.For(0, bands, band =>
        {
            var folded = ArrayPool<byte>.Shared.Rent(picture.Width);
            try
            {
                var end = Math.Min(height, (band + 1) * RowsPerBand);
                for (var y = band * RowsPerBand; y < end; y++)
                    ShrinkRow(picture, y, output, columns, folded.AsSpan(0, picture.Width));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(folded);
            }
        });
        return output;
    }

    /// <summary>One target row of <see cref="Shrink"/>: the footprint's rows folded by maximum, then the maximum over each target pixel's columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShrinkRow(IndexedImage picture, int y, IndexedImage output, int[] columns, Span<byte> folded)
    {
        var top = (int)((long)y * picture.Height / output.Height);
        var bottom = Math.Max(top + 1, (int)((long)(y + 1) * picture.Height / output.Height));
        ReadOnlySpan<byte> source = picture.Row(top);
        if (bottom > top + 1)
        {
            source.CopyTo(folded);
            for (var sy = top + 1; sy < bottom; sy++)
                MaxInto(folded, picture.Row(sy));
            source = folded;
        }
        var target = output.Row(y);
        for (var x = 0; x < target.Length; x++)
        {
            var left = columns[x];
            var right = columns[x + 1];
            var best = source[left];
            for (var sx = left + 1; sx < right; sx++)
                best = Math.Max(best, source[sx]);
            target[x] = best;
        }
    }

    /// <summary><paramref name="into"/>[i] = max(<paramref name="into"/>[i], <paramref name="row"/>[i]), a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxInto(Span<byte> into, ReadOnlySpan<byte> row)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var to = ref MemoryMarshal.GetReference(into);
            ref var from = ref MemoryMarshal.GetReference(row);
            for (; i + Vector256<byte>.Count <= into.Length; i += Vector256<byte>.Count)
                Vector256.Max(Vector256.LoadUnsafe(ref to, (nuint)i), Vector256.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        }
        for (; i < into.Length; i++)
            into[i] = Math.Max(into[i], row[i]);
    }

    public static IndexedImage Render(RgbaImage before, DiffMap map, IReadOnlyList<DiffRegion> regions, DiffImageKind kind)
    {
        var overlay = kind == DiffImageKind.Overlay;
        var output = new IndexedImage(map.Width, map.Height, overlay ? OverlayPalette() : MaskPalette());
        var changed = overlay ? ChangedIndex : MaskChangedIndex;
        var bands = (map.Height + RowsPerBand - 1) / RowsPerBand;
        Parallel.For(0, bands, band =>
        {
            var end = Math.Min(map.Height, (band + 1) * RowsPerBand);
            for (var y = band * RowsPerBand; y < end; y++)
            {
                var target = output.Row(y);
                if (overlay)
                    FadeRow(before.Row(y), target);
                else
                    target.Fill(MaskClearIndex);
                if (map.RowTouched(y))
                {
                    var classes = map.Row(y);
                    for (var x = 0; x < classes.Length; x++)
                    {
                        if (classes[x] == DiffMap.Changed)
                            target[x] = changed;
                        else if (classes[x] == DiffMap.AntiAliased && overlay)
                            target[x] = AntiAliasedIndex;
                    }
                }
                if (overlay)
                {
                    foreach (var region in regions)
                        DrawOutlineRow(target, map, region, y);
                }
            }
        });
        return output;
    }

    private static uint[] OverlayPalette()
    {
        var palette = new uint[GreyLevels + 3];
        for (var index = 0; index < GreyLevels; index++)
        {
            var grey = (byte)(255 - index);
            palette[index] = RgbaImage.PackRgba(grey, grey, grey, 255);
        }
        palette[ChangedIndex] = RgbaImage.PackRgba(ChangedColor.R, ChangedColor.G, ChangedColor.B, 255);
        palette[AntiAliasedIndex] = RgbaImage.PackRgba(AntiAliasedColor.R, AntiAliasedColor.G, AntiAliasedColor.B, 255);
        palette[RegionIndex] = RgbaImage.PackRgba(RegionColor.R, RegionColor.G, RegionColor.B, 255);
        return palette;
    }

    private static uint[] MaskPalette() => [RgbaImage.PackRgba(0, 0, 0, 0), RgbaImage.PackRgba(ChangedColor.R, ChangedColor.G, ChangedColor.B, 255)];

    /// <summary>
    /// pixelmatch's <c>drawGrayPixel</c>: luma blended with white at <see cref="FadeAlpha"/> × pixel alpha, rounded
    /// down as a JavaScript Uint8Array store does; eight pixels at a time in single precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FadeRow(ReadOnlySpan<byte> source, Span<byte> target)
    {
        var words = MemoryMarshal.Cast<byte, uint>(source);
        var x = 0;
        if (Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            ref var from = ref MemoryMarshal.GetReference(words);
            ref var to = ref MemoryMarshal.GetReference(target);
            var white = Vector256.Create((byte)255);
            for (; x + Vector256<byte>.Count <= words.Length; x += Vector256<byte>.Count)
            {
                var low = Vector256.Narrow(Grey(ref from, x), Grey(ref from, x + 8));
                var high = Vector256.Narrow(Grey(ref from, x + 16), Grey(ref from, x + 24));
                (white - Vector256.Narrow(low, high)).StoreUnsafe(ref to, (nuint)x);
            }
        }
        for (; x < words.Length; x++)
        {
            var i = x * 4;
            var luma = source[i] * LumaRed + source[i + 1] * LumaGreen + source[i + 2] * LumaBlue;
            var value = (byte)(255 + (luma - 255) * FadeAlpha * source[i + 3] / 255);
            target[x] = (byte)(255 - value);
        }
    }

    /// <summary>The faded grey of 8 pixels from <paramref name="x"/>, in single precision, truncated as a Uint8Array store does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Grey(ref uint from, int x)
    {
        var channel = Vector256.Create(0xFFu);
        var w = Vector256.LoadUnsafe(ref from, (nuint)x);
        var r = Vector256.ConvertToSingle((w & channel).AsInt32());
        var g = Vector256.ConvertToSingle(((w >> 8) & channel).AsInt32());
        var b = Vector256.ConvertToSingle(((w >> 16) & channel).AsInt32());
        var a = Vector256.ConvertToSingle((w >> 24).AsInt32());
        var luma = r * (float)LumaRed + g * (float)LumaGreen + b * (float)LumaBlue;
        var white = Vector256.Create(255f);
        var value = Vector256.ConvertToInt32(white + (luma - white) * (a * (float)(FadeAlpha / 255)));
        return value.AsUInt32();
    }

    /// <summary>Row <paramref name="y"/> of a frame <see cref="OutlineWidth"/> wide around the region, leaving marked pixels visible.</summary>
    private static void DrawOutlineRow(Span<byte> target, DiffMap map, DiffRegion region, int y)
    {
        if (y < region.Y - OutlineWidth || y > region.Y + region.Height - 1 + OutlineWidth)
            return;
        var x0 = Math.Max(0, region.X - OutlineWidth);
        var x1 = Math.Min(target.Length - 1, region.X + region.Width - 1 + OutlineWidth);
        var edgeRow = y < region.Y || y >= region.Y + region.Height;
        for (var x = x0; x <= x1; x++)
        {
            if (!edgeRow && x == region.X)
                x = region.X + region.Width;
            if (x <= x1 && map.Get(x, y) == DiffMap.Same)
                target[x] = RegionIndex;
        }
    }
}
