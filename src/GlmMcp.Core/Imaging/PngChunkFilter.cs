using System.Buffers.Binary;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Keeps only the PNG chunks that change the pixels we read (the critical ones, and the small ancillary ones tRNS,
/// gAMA, cHRM, sRGB and sBIT), in two linear passes. The codec spends time quadratic in the size of an ancillary chunk
/// it skips (a 16 MB iCCP or tEXt chunk took 20 s); colour profiles, text and private chunks do not change the stored
/// pixels, which are all the decoder reads.
/// </summary>
internal static class PngChunkFilter
{
    private const int SignatureLength = 8;
    private const int ChunkOverhead = 12; // length, type, CRC

    /// <summary>The largest ancillary chunk kept: tRNS, the largest of them, holds at most 256 bytes.</summary>
    private const uint MaxKeptAncillaryLength = 256;

    /// <summary>
    /// <paramref name="png"/> without its other ancillary chunks and without anything after IEND; the input itself
    /// when there is nothing to drop. A chunk that runs past the end is kept as it is, for the codec to call truncated.
    /// </summary>
    public static ReadOnlySpan<byte> Filter(ReadOnlySpan<byte> png)
    {
        var length = Walk(png, [], copy: false);
        if (length == png.Length)
            return png;
        var output = new byte[length];
        Walk(png, output, copy: true);
        return output;
    }

    /// <summary>The length of the filtered PNG; with <paramref name="copy"/>, also writes it to <paramref name="output"/>.</summary>
    private static int Walk(ReadOnlySpan<byte> png, Span<byte> output, bool copy)
    {
        var written = Append(png[..SignatureLength], output, 0, copy);
        var at = SignatureLength;
        while (at < png.Length)
        {
            var end = at + ChunkOverhead <= png.Length ? at + ChunkOverhead + (long)BinaryPrimitives.ReadUInt32BigEndian(png[at..]) : long.MaxValue;
            if (end > png.Length)
                return Append(png[at..], output, written, copy);
            var chunk = png[at..(int)end];
            var type = chunk.Slice(4, 4);
            if (Keep(type, (uint)(chunk.Length - ChunkOverhead)))
                written = Append(chunk, output, written, copy);
            at = (int)end;
            if (type.SequenceEqual("IEND"u8))
                break;
        }
        return written;
    }

    private static int Append(ReadOnlySpan<byte> part, Span<byte> output, int written, bool copy)
    {
        if (copy)
            part.CopyTo(output[written..]);
        return written + part.Length;
    }

    private static bool Keep(ReadOnlySpan<byte> type, uint dataLength)
    {
        var isCritical = (type[0] & 0x20) == 0;
        if (isCritical)
            return true;
        return dataLength <= MaxKeptAncillaryLength &&
               (type.SequenceEqual("tRNS"u8) || type.SequenceEqual("gAMA"u8) || type.SequenceEqual("cHRM"u8) ||
                type.SequenceEqual("sRGB"u8) || type.SequenceEqual("sBIT"u8));
    }
}
