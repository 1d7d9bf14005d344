using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GlmMcp.Core.Imaging;

/// <summary>Draws the overlay or mask picture of a <see cref="DiffMap"/>.</summary>
internal static class DiffImageRenderer
{
    public static readonly (byte R, byte G, byte B) ChangedColor = (255, 0, 0);
    public static readonly (byte R, byte G, byte B) AntiAliasedColor = (255, 255, 0);
    public static readonly (byte R, byte G, byte B) RegionColor = (0, 102, 255);

    /// <summary>Width of a region's outline, drawn just outside its box.</summary>
    public const int OutlineWidth = 2;

    /// <summary>Opacity of the faded before image, pixelmatch's default <c>alpha</c>.</summary>
    private const double FadeAlpha = 0.1;

    private const int RowsPerBand = 64;

    // Luma weights of pixelmatch's rgb2y.
    private const double LumaRed = 0.29889531;
    private const double LumaGreen = 0.58662247;
    private const double LumaBlue = 0.11448223;

    public static RgbaImage Render(RgbaImage before, DiffMap map, IReadOnlyList<DiffRegion> regions, DiffImageKind kind)
    {
        var output = kind == DiffImageKind.Overlay
            ? new RgbaImage(map.Width, map.Height, GC.AllocateUninitializedArray<byte>(map.Width * map.Height * RgbaImage.BytesPerPixel))
            : RgbaImage.CreateTransparent(map.Width, map.Height);
        var changed = RgbaImage.PackRgba(ChangedColor.R, ChangedColor.G, ChangedColor.B, 255);
        var antiAliased = RgbaImage.PackRgba(AntiAliasedColor.R, AntiAliasedColor.G, AntiAliasedColor.B, 255);
        var bands = (map.Height + RowsPerBand - 1) / RowsPerBand;
        Parallel.For(0, bands, band =>
        {
            var end = Math.Min(map.Height, (band + 1) * RowsPerBand);
            for (var y = band * RowsPerBand; y < end; y++)
            {
                var target = MemoryMarshal.Cast<byte, uint>(output.Row(y));
                if (kind == DiffImageKind.Overlay)
                    FadeRow(before.Row(y), target);
                if (!map.RowTouched(y))
                    continue;
                var classes = map.Row(y);
                for (var x = 0; x < classes.Length; x++)
                {
                    if (classes[x] == DiffMap.Changed)
                        target[x] = changed;
                    else if (classes[x] == DiffMap.AntiAliased && kind == DiffImageKind.Overlay)
                        target[x] = antiAliased;
                }
            }
        });
        if (kind == DiffImageKind.Overlay)
        {
            var outline = RgbaImage.PackRgba(RegionColor.R, RegionColor.G, RegionColor.B, 255);
            foreach (var region in regions)
                DrawOutline(output, map, region, outline);
        }
        return output;
    }

    /// <summary>
    /// pixelmatch's <c>drawGrayPixel</c>: luma blended with white at <see cref="FadeAlpha"/> × pixel alpha, rounded
    /// down as a JavaScript Uint8Array store does; eight pixels at a time in single precision.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FadeRow(ReadOnlySpan<byte> source, Span<uint> target)
    {
        var words = MemoryMarshal.Cast<byte, uint>(source);
        var x = 0;
        if (Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var channel = Vector256.Create(0xFFu);
            var opaque = Vector256.Create(0xFF000000u);
            var white = Vector256.Create(255f);
            var fadePerAlpha = Vector256.Create((float)(FadeAlpha / 255));
            ref var from = ref MemoryMarshal.GetReference(words);
            ref var to = ref MemoryMarshal.GetReference(target);
            for (; x + Vector256<uint>.Count <= words.Length; x += Vector256<uint>.Count)
            {
                var w = Vector256.LoadUnsafe(ref from, (nuint)x);
                var r = Vector256.ConvertToSingle((w & channel).AsInt32());
                var g = Vector256.ConvertToSingle(((w >> 8) & channel).AsInt32());
                var b = Vector256.ConvertToSingle(((w >> 16) & channel).AsInt32());
                var a = Vector256.ConvertToSingle((w >> 24).AsInt32());
                var luma = r * (float)LumaRed + g * (float)LumaGreen + b * (float)LumaBlue;
                var value = Vector256.ConvertToInt32(white + (luma - white) * (a * fadePerAlpha)).AsUInt32();
                (value | (value << 8) | (value << 16) | opaque).StoreUnsafe(ref to, (nuint)x);
            }
        }
        for (; x < words.Length; x++)
        {
            var i = x * 4;
            var luma = source[i] * LumaRed + source[i + 1] * LumaGreen + source[i + 2] * LumaBlue;
            var value = (byte)(255 + (luma - 255) * FadeAlpha * source[i + 3] / 255);
            target[x] = RgbaImage.PackRgba(value, value, value, 255);
        }
    }

    /// <summary>A frame <see cref="OutlineWidth"/> wide around the region, leaving marked pixels visible.</summary>
    private static void DrawOutline(RgbaImage output, DiffMap map, DiffRegion region, uint color)
    {
        var words = output.AsWords();
        var x0 = region.X - OutlineWidth;
        var y0 = region.Y - OutlineWidth;
        var x1 = region.X + region.Width - 1 + OutlineWidth;
        var y1 = region.Y + region.Height - 1 + OutlineWidth;
        for (var y = Math.Max(0, y0); y <= Math.Min(output.Height - 1, y1); y++)
        {
            var edgeRow = y < region.Y || y >= region.Y + region.Height;
            for (var x = Math.Max(0, x0); x <= Math.Min(output.Width - 1, x1); x++)
            {
                var edge = edgeRow || x < region.X || x >= region.X + region.Width;
                if (edge && map.Get(x, y) == DiffMap.Same)
                    words[y * output.Width + x] = color;
            }
        }
    }
}
