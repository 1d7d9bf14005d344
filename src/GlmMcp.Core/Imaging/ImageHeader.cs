using System.Buffers.Binary;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Reads an image's format and size from its first bytes, without a codec: the size limits must hold before any
/// decoder allocates, and a file that is only a header (or lies in it) must still be measured.
/// </summary>
internal static class ImageHeader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format name when the magic number is one we decode; the size when the header holds it.</summary>
    public static (string? Format, int Width, int Height) Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
            return ("PNG", ReadBigEndian(data, 16), ReadBigEndian(data, 20));
        if (data.StartsWith("GIF8"u8))
            return ("GIF", ReadLittleEndian16(data, 6), ReadLittleEndian16(data, 8));
        if (data.StartsWith("BM"u8))
            return ("BMP", ReadLittleEndian32(data, 18), Magnitude(ReadLittleEndian32(data, 22)));
        if (data.StartsWith("RIFF"u8) && data.Length >= 12 && data[8..12].SequenceEqual("WEBP"u8))
            return ReadWebP(data);
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
            return ReadJpeg(data);
        return (null, 0, 0);
    }

    private static (string?, int, int) ReadWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
            return ("WebP", 0, 0);
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
            return ("WebP", 1 + ReadLittleEndian24(data, 24), 1 + ReadLittleEndian24(data, 27));
        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ("WebP", 1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
        }
        return ("WebP", ReadLittleEndian16(data, 26) & 0x3FFF, ReadLittleEndian16(data, 28) & 0x3FFF);
    }

    /// <summary>Walks the JPEG markers to the first start-of-frame, which holds the size.</summary>
    private static (string?, int, int) ReadJpeg(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
                return ("JPEG", 0, 0);
            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
            if (isStartOfFrame)
                return ("JPEG", BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
        }
        return ("JPEG", 0, 0);
    }

    /// <summary>A BMP's height is negative for top-down rows; int.MinValue has no positive twin, so it reads as the largest.</summary>
    private static int Magnitude(int height) => height == int.MinValue ? int.MaxValue : Math.Abs(height);

    private static int ReadBigEndian(ReadOnlySpan<byte> data, int at) =>
        data.Length >= at + 4 ? (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(data[at..])) : 0;

    private static int ReadLittleEndian32(ReadOnlySpan<byte> data, int at) =>
        data.Length >= at + 4 ? BinaryPrimitives.ReadInt32LittleEndian(data[at..]) : 0;

    private static int ReadLittleEndian16(ReadOnlySpan<byte> data, int at) =>
        data.Length >= at + 2 ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : 0;

    private static int ReadLittleEndian24(ReadOnlySpan<byte> data, int at) =>
        data.Length >= at + 3 ? data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) : 0;
}
