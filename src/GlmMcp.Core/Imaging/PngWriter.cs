using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// A PNG encoder built for pictures on the hot path (diff overlays, screenshots sent to clients): palette (colour type
/// 3, unfiltered rows) when the image has at most 256 colours, else RGB when every pixel is opaque, else RGBA with a
/// filter chosen per row (<see cref="PngRowFilter"/>); zlib level 6. Row bands are filtered and compressed in
/// parallel: each band is a run of deflate blocks ending in a sync flush (byte-aligned, not final), so the bands
/// concatenate into one zlib stream; each becomes its own IDAT chunk, and the Adler-32 of the whole is combined from
/// the bands'.
/// </summary>
internal static class PngWriter
{
    /// <summary>The fewest rows in a band.</summary>
    private const int MinRowsPerBand = 64;

    /// <summary>Unfiltered bytes a band holds at least, so narrow tall images do not split into a crowd of tiny bands.</summary>
    private const int MinBandBytes = 128 * 1024;

    /// <summary>
    /// zlib's default level: on screenshots 0.89–0.92× the bytes of Chromium's own PNGs at about twice the CPU time
    /// of level 1 (which gave 1.13–1.25×); level 9 reaches 0.73–0.77× at 4–5× the time of level 6.
    /// </summary>
    private const int ZlibLevel = 6;

    /// <summary>
    /// zlib's fastest level, for the drawn-down diff picture a tool returns: a palette picture of flat greys, which
    /// level 1 still compresses well, and whose bytes cost a client nothing (image tokens follow the pixel size).
    /// </summary>
    internal const int FastZlibLevel = 1;

    private const uint AdlerModulus = 65521;

    /// <summary>Bytes an Adler-32 sum can take before its 32-bit sums must be reduced (zlib's NMAX).</summary>
    private const int AdlerBlock = 5552;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>zlib header: deflate, 32 KiB window, no dictionary, "default" level (RFC 1950).</summary>
    private static ReadOnlySpan<byte> ZlibHeader => [0x78, 0x9C];

    /// <summary>zlib header of <see cref="FastZlibLevel"/>: as <see cref="ZlibHeader"/>, "fastest" level.</summary>
    private static ReadOnlySpan<byte> FastZlibHeader => [0x78, 0x01];

    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Encode(RgbaImage image)
    {
        // Sized for RGBA rows, the widest; palette and RGB bands then hold fewer bytes, never fewer rows.
        var rowsPerBand = RowsPerBand(image.Width * RgbaImage.BytesPerPixel + 1);
        var bandCount = (image.Height + rowsPerBand - 1) / rowsPerBand;
        var indexed = new byte[bandCount][];
        for (var band = 0; band < bandCount; band++)
            indexed[band] = ArrayPool<byte>.Shared.Rent(BandRows(image, rowsPerBand, band) * (image.Width + 1));
        try
        {
            var palette = PngPalette.TryIndex(image, rowsPerBand, indexed);
            var channels = palette is not null ? 1 : IsOpaque(image) ? 3 : 4;
            var bands = new Band[bandCount];
            Parallel.For(0, bandCount, band => bands[band] = palette is not null
                ? CompressIndexedBand(image.Width, indexed[band], BandRows(image, rowsPerBand, band), band == bandCount - 1, ZlibLevel)
                : CompressBand(image, channels, rowsPerBand, band, band == bandCount - 1));
            return Assemble(image.Width, image.Height, palette, channels, bands, ZlibLevel);
        }
        finally
        {
            foreach (var buffer in indexed)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An already indexed picture (the diff pictures): its rows unfiltered, bands compressed in parallel at zlib <paramref name="level"/>.</summary>
    public static byte[] EncodeIndexed(IndexedImage image, int level = ZlibLevel)
    {
        var rowBytes = image.Width + 1;
        var rowsPerBand = RowsPerBand(rowBytes);
        var bandCount = (image.Height + rowsPerBand - 1) / rowsPerBand;
        var bands = new Band[bandCount];
        Parallel.For(0, bandCount, band =>
        {
            var rows = Math.Min(image.Height - band * rowsPerBand, rowsPerBand);
            var raw = ArrayPool<byte>.Shared.Rent(rows * rowBytes);
            try
            {
                for (var row = 0; row < rows; row++)
                    image.Row(band * rowsPerBand + row).CopyTo(raw.AsSpan(row * rowBytes + 1));
                bands[band] = CompressIndexedBand(image.Width, raw, rows, band == bandCount - 1, level);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
        });
        return Assemble(image.Width, image.Height, image.Palette, 1, bands, level);
    }

    /// <summary>Rows per band for rows of <paramref name="rowBytes"/> bytes (filter byte included).</summary>
    internal static int RowsPerBand(int rowBytes) => Math.Max(MinRowsPerBand, (MinBandBytes + rowBytes - 1) / rowBytes);

    private static int BandRows(RgbaImage image, int rowsPerBand, int band) => Math.Min(image.Height - band * rowsPerBand, rowsPerBand);

    private static byte[] Assemble(int width, int height, PngPalette? palette, int channels, Band[] bands, int level)
    {
        var adler = bands[0].Adler;
        for (var i = 1; i < bands.Length; i++)
            adler = CombineAdler(adler, bands[i].Adler, bands[i].RawLength);

        using var png = new MemoryStream(bands.Sum(b => b.Data.Length + 12) + 128 + 4 * PngPalette.MaxColors);
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = (byte)(channels switch { 1 => 3, 3 => 2, _ => 6 });
        WriteChunk(png, "IHDR"u8, header);
        if (palette is not null)
            WritePalette(png, palette);
        WriteChunk(png, "IDAT"u8, level == FastZlibLevel ? FastZlibHeader : ZlibHeader);
        foreach (var band in bands)
            WriteChunk(png, "IDAT"u8, band.Data, band.Crc);
        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(trailer, adler);
        WriteChunk(png, "IDAT"u8, trailer);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>PLTE, and tRNS with the alphas of the leading translucent entries when there are any.</summary>
    private static void WritePalette(Stream png, PngPalette palette)
    {
        var colors = palette.Colors;
        Span<byte> entries = stackalloc byte[colors.Length * 3];
        Span<byte> alphas = stackalloc byte[palette.TranslucentCount];
        for (var i = 0; i < colors.Length; i++)
        {
            var rgba = MemoryMarshal.AsBytes(colors.AsSpan(i, 1));
            rgba[..3].CopyTo(entries[(i * 3)..]);
            if (i < alphas.Length)
                alphas[i] = rgba[3];
        }
        WriteChunk(png, "PLTE"u8, entries);
        if (!alphas.IsEmpty)
            WriteChunk(png, "tRNS"u8, alphas);
    }

    /// <summary>A band of palette indices, each row after one free byte: filter type None on each row, then compressed.</summary>
    private static Band CompressIndexedBand(int width, byte[] raw, int rows, bool last, int level)
    {
        var rowBytes = width + 1;
        for (var row = 0; row < rows; row++)
            raw[row * rowBytes] = PngRowFilter.None;
        return Compress(raw.AsSpan(0, rows * rowBytes), last, level);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Band CompressBand(RgbaImage image, int channels, int rowsPerBand, int band, bool last)
    {
        var rowBytes = image.Width * channels;
        var first = band * rowsPerBand;
        var end = first + BandRows(image, rowsPerBand, band);
        var rawLength = (end - first) * (rowBytes + 1);
        // Slack of one vector: the RGBA→RGB packer writes 16 bytes per 12 it keeps.
        var raw = ArrayPool<byte>.Shared.Rent(rawLength + 16);
        var previous = ArrayPool<byte>.Shared.Rent(rowBytes + 16);
        var current = ArrayPool<byte>.Shared.Rent(rowBytes + 16);
        var scratch = ArrayPool<byte>.Shared.Rent(PngRowFilter.ScratchRows * rowBytes);
        try
        {
            if (first == 0)
                previous.AsSpan(0, rowBytes).Clear();
            else
                Pack(image.Row(first - 1), previous, channels);
            var at = 0;
            for (var y = first; y < end; y++)
            {
                Pack(image.Row(y), current, channels);
                PngRowFilter.FilterRow(current.AsSpan(0, rowBytes), previous.AsSpan(0, rowBytes), channels, scratch, raw.AsSpan(at, rowBytes + 1));
                at += rowBytes + 1;
                (previous, current) = (current, previous);
            }
            return Compress(raw.AsSpan(0, rawLength), last, ZlibLevel);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(previous);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Deflates one band's filtered rows: ending in a sync flush, or, for the last band, in the final block.</summary>
    private static Band Compress(ReadOnlySpan<byte> raw, bool last, int level)
    {
        using var compressed = new MemoryStream(raw.Length / 4 + 64);
        long length;
        using (var deflate = new DeflateStream(compressed, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            deflate.Write(raw);
            if (!last)
                deflate.Flush();
            length = last ? -1 : compressed.Length;
        }
        var data = compressed.GetBuffer().AsSpan(0, (int)(last ? compressed.Length : length)).ToArray();
        return new Band(data, Crc(Crc(uint.MaxValue, "IDAT"u8), data), Adler(raw), raw.Length);
    }

    /// <summary>Copies an RGBA row to <paramref name="target"/>, dropping alpha when <paramref name="channels"/> is 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pack(ReadOnlySpan<byte> rgba, byte[] target, int channels)
    {
        if (channels == 4)
        {
            rgba.CopyTo(target);
            return;
        }
        var pixels = rgba.Length / 4;
        var x = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var dropAlpha = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
            ref var source = ref MemoryMarshal.GetReference(rgba);
            ref var destination = ref MemoryMarshal.GetArrayDataReference(target);
            for (; x + 4 <= pixels; x += 4)
                Vector128.Shuffle(Vector128.LoadUnsafe(ref source, (nuint)(x * 4)), dropAlpha).StoreUnsafe(ref destination, (nuint)(x * 3));
        }
        for (; x < pixels; x++)
        {
            target[x * 3] = rgba[x * 4];
            target[x * 3 + 1] = rgba[x * 4 + 1];
            target[x * 3 + 2] = rgba[x * 4 + 2];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsOpaque(RgbaImage image)
    {
        var words = MemoryMarshal.Cast<byte, uint>(image.Pixels.AsSpan());
        var alpha = RgbaImage.PackRgba(0, 0, 0, 255);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(alpha);
            var all = mask;
            ref var w = ref MemoryMarshal.GetReference(words);
            for (; i + Vector256<uint>.Count <= words.Length; i += Vector256<uint>.Count)
                all &= Vector256.LoadUnsafe(ref w, (nuint)i);
            if ((all & mask) != mask)
                return false;
        }
        for (; i < words.Length; i++)
        {
            if ((words[i] & alpha) != alpha)
                return false;
        }
        return true;
    }

    /// <summary>Adler-32 (RFC 1950) of <paramref name="data"/>; 32 bytes a step with AVX2 where the CPU has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static uint Adler(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        if (Avx2.IsSupported)
            (a, b) = AdlerAvx2(ref data, a, b);
        while (!data.IsEmpty)
        {
            var block = data[..Math.Min(data.Length, AdlerBlock)];
            foreach (var value in block)
            {
                a += value;
                b += a;
            }
            a %= AdlerModulus;
            b %= AdlerModulus;
            data = data[block.Length..];
        }
        return (b << 16) | a;
    }

    /// <summary>
    /// Consumes whole 32-byte blocks: per block, a += Σ bytes and b += 32·a_before + Σ (32 − i)·byte_i, the sums
    /// kept in vector lanes and reduced once per <see cref="AdlerBlock"/> bytes (the scheme of Chromium's zlib).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (uint A, uint B) AdlerAvx2(ref ReadOnlySpan<byte> data, uint a, uint b)
    {
        const int blockBytes = 32;
        var weights = Vector256.Create((sbyte)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector256.Create((short)1);
        ref var start = ref MemoryMarshal.GetReference(data);
        var offset = 0;
        var blocks = data.Length / blockBytes;
        while (blocks > 0)
        {
            var n = Math.Min(blocks, AdlerBlock / blockBytes);
            blocks -= n;
            var sumA = Vector256<uint>.Zero;
            var sumAPrefix = Vector256<uint>.Zero;
            var sumB = Vector256<int>.Zero;
            for (var i = 0; i < n; i++, offset += blockBytes)
            {
                var bytes = Vector256.LoadUnsafe(ref start, (nuint)offset);
                sumAPrefix += sumA;
                sumA += Avx2.SumAbsoluteDifferences(bytes, Vector256<byte>.Zero).AsUInt32();
                sumB += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(bytes, weights), ones);
            }
            var total = (ulong)b + (ulong)a * (uint)(n * blockBytes) + blockBytes * (ulong)Vector256.Sum(sumAPrefix) + (ulong)(uint)Vector256.Sum(sumB);
            a = (uint)((a + (ulong)Vector256.Sum(sumA)) % AdlerModulus);
            b = (uint)(total % AdlerModulus);
        }
        data = data[offset..];
        return (a, b);
    }

    /// <summary>Adler-32 of two concatenated pieces from the pieces' sums (zlib's adler32_combine).</summary>
    private static uint CombineAdler(uint first, uint second, long secondLength)
    {
        var remainder = (uint)(secondLength % AdlerModulus);
        var sum1 = first & 0xFFFF;
        var sum2 = (uint)((ulong)remainder * sum1 % AdlerModulus);
        sum1 += (second & 0xFFFF) + AdlerModulus - 1;
        sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + AdlerModulus - remainder;
        if (sum1 >= AdlerModulus)
            sum1 -= AdlerModulus;
        if (sum1 >= AdlerModulus)
            sum1 -= AdlerModulus;
        if (sum2 >= AdlerModulus << 1)
            sum2 -= AdlerModulus << 1;
        if (sum2 >= AdlerModulus)
            sum2 -= AdlerModulus;
        return sum1 | (sum2 << 16);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data) =>
        WriteChunk(output, type, data, Crc(Crc(uint.MaxValue, type), data));

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data, uint runningCrc)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, ~runningCrc);
        output.Write(word);
    }

    /// <summary>Continues a CRC-32 (PNG/zlib polynomial) over <paramref name="data"/>; start at uint.MaxValue, finish with ~.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }

    private readonly record struct Band(byte[] Data, uint Crc, uint Adler, long RawLength);
}
