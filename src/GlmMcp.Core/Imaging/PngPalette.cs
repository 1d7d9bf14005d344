using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// The colours of an image that has at most 256 of them (diff overlays, masks, flat UI pictures), for PNG colour
/// type 3. Bands of rows are indexed in parallel, each against its own small colour table; the tables are then merged
/// and each band's indices translated to the shared palette. Colours with alpha below 255 come first, so the tRNS
/// chunk stays short.
/// </summary>
internal sealed class PngPalette
{
    public const int MaxColors = 256;

    /// <summary>Open-addressing slots per band table: twice the most colours, so probes stay short.</summary>
    private const int Slots = 512;

    /// <summary>A palette given as it is; colours with alpha below 255 must come first (PNG's tRNS covers a prefix).</summary>
    public PngPalette(uint[] colors)
    {
        if (colors.Length is 0 or > MaxColors)
            throw new ArgumentException($"A palette holds 1 to {MaxColors} colours, not {colors.Length}.", nameof(colors));
        var alpha = RgbaImage.PackRgba(0, 0, 0, 255);
        var translucent = colors.TakeWhile(c => (c & alpha) != alpha).Count();
        if (colors.Skip(translucent).Any(c => (c & alpha) != alpha))
            throw new ArgumentException("Translucent palette colours must come before the opaque ones.", nameof(colors));
        Colors = colors;
        TranslucentCount = translucent;
    }

    /// <summary>RGBA words (memory order R, G, B, A), translucent ones first.</summary>
    public uint[] Colors { get; }

    /// <summary>How many leading <see cref="Colors"/> have alpha below 255 (the length of tRNS).</summary>
    public int TranslucentCount { get; }

    /// <summary>
    /// Writes each band's rows as palette indices into <paramref name="bands"/> (band <c>i</c> holds rows
    /// <c>i × rowsPerBand</c> on, each row preceded by one free byte for its filter type) and returns the palette;
    /// null when the image has more than <see cref="MaxColors"/> colours.
    /// </summary>
    public static PngPalette? TryIndex(RgbaImage image, int rowsPerBand, byte[][] bands)
    {
        var tables = new uint[bands.Length][];
        var overflow = 0;
        Parallel.For(0, bands.Length, (band, state) =>
        {
            var colors = IndexBand(image, band * rowsPerBand, Math.Min(image.Height, (band + 1) * rowsPerBand), bands[band], ref overflow);
            if (colors is null)
                state.Stop();
            tables[band] = colors!;
        });
        if (overflow != 0)
            return null;

        var merged = new Dictionary<uint, int>();
        foreach (var table in tables)
        {
            foreach (var color in table)
            {
                merged.TryAdd(color, merged.Count);
                if (merged.Count > MaxColors)
                    return null;
            }
        }
        var alpha = RgbaImage.PackRgba(0, 0, 0, 255);
        var ordered = merged.Keys.Where(c => (c & alpha) != alpha).Concat(merged.Keys.Where(c => (c & alpha) == alpha)).ToArray();
        var slot = new Dictionary<uint, byte>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
            slot[ordered[i]] = (byte)i;

        var rowBytes = image.Width + 1;
        Parallel.For(0, bands.Length, band =>
        {
            Span<byte> translate = stackalloc byte[MaxColors];
            var table = tables[band];
            for (var i = 0; i < table.Length; i++)
                translate[i] = slot[table[i]];
            var rows = Math.Min(image.Height, (band + 1) * rowsPerBand) - band * rowsPerBand;
            var indices = bands[band].AsSpan(0, rows * rowBytes);
            for (var row = 0; row < rows; row++)
            {
                foreach (ref var index in indices.Slice(row * rowBytes + 1, image.Width))
                    index = translate[index];
            }
        });
        return new PngPalette(ordered);
    }

    /// <summary>The band's colours in order of first use, its indices written to <paramref name="target"/>; null past 256 colours or once another band overflowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint[]? IndexBand(RgbaImage image, int first, int end, byte[] target, ref int overflow)
    {
        Span<uint> keys = stackalloc uint[Slots];
        Span<short> values = stackalloc short[Slots];
        values.Fill(-1);
        Span<uint> colors = stackalloc uint[MaxColors];
        var count = 0;
        var words = image.AsWords();
        var at = 0;
        for (var y = first; y < end; y++)
        {
            if (Volatile.Read(ref overflow) != 0)
                return null;
            var row = words.Slice(y * image.Width, image.Width);
            var output = target.AsSpan(at + 1, image.Width);
            var last = ~row[0];
            byte lastIndex = 0;
            for (var x = 0; x < row.Length; x++)
            {
                // Runs of the last colour (most of a flat picture) are written a vector at a time.
                if (Vector256.IsHardwareAccelerated && x + Vector256<uint>.Count <= row.Length &&
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(row), (nuint)x) == Vector256.Create(last))
                {
                    output.Slice(x, Vector256<uint>.Count).Fill(lastIndex);
                    x += Vector256<uint>.Count - 1;
                    continue;
                }
                var color = row[x];
                if (color != last)
                {
                    var probe = (int)((color * 0x9E3779B1u) >> 23);
                    while (values[probe] >= 0 && keys[probe] != color)
                        probe = (probe + 1) & (Slots - 1);
                    if (values[probe] < 0)
                    {
                        if (count == MaxColors)
                        {
                            Volatile.Write(ref overflow, 1);
                            return null;
                        }
                        keys[probe] = color;
                        values[probe] = (short)count;
                        colors[count++] = color;
                    }
                    last = color;
                    lastIndex = (byte)values[probe];
                }
                output[x] = lastIndex;
            }
            at += image.Width + 1;
        }
        return colors[..count].ToArray();
    }
}
