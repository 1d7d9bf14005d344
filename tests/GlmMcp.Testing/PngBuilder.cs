using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GlmMcp.Testing;

/// <summary>Writes PNG files byte by byte, so tests can make every colour type and bit depth and lying headers.</summary>
public static class PngBuilder
{
    public const byte Grayscale = 0;
    public const byte Rgb = 2;
    public const byte Palette = 3;
    public const byte Rgba = 6;

    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>
    /// A PNG whose rows are <paramref name="rows"/> (unfiltered sample bytes per row); <paramref name="extra"/> chunks
    /// go between the header (and palette) and the pixel data. <see cref="CompressionLevel.NoCompression"/> stores the
    /// rows as they are, for a file as large as its pixels.
    /// </summary>
    public static byte[] Build(int width, int height, byte colorType, byte bitDepth, byte[][] rows, byte[]? palette = null,
        IEnumerable<(string Type, byte[] Data)>? extra = null, CompressionLevel compression = CompressionLevel.Fastest)
    {
        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, compression, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                z.WriteByte(0);
                z.Write(row);
            }
        }
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height, colorType, bitDepth));
        if (palette is not null)
            WriteChunk(png, "PLTE", palette);
        foreach (var (type, data) in extra ?? [])
            WriteChunk(png, type, data);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PNG that has only a header claiming the given size, and no pixel data.</summary>
    public static byte[] HeaderOnly(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height, Rgba, 8));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The chunk types of <paramref name="png"/> in order, with their data lengths.</summary>
    public static List<(string Type, int Length)> Chunks(ReadOnlySpan<byte> png)
    {
        var chunks = new List<(string, int)>();
        for (var at = Signature.Length; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[at..]);
            chunks.Add((Encoding.ASCII.GetString(png.Slice(at + 4, 4)), length));
            at += 12 + length;
        }
        return chunks;
    }

    private static byte[] Header(int width, int height, byte colorType, byte bitDepth)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType;
        return header;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typeAndData));
        output.Write(word);
    }

    private static uint Crc(byte[] data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
