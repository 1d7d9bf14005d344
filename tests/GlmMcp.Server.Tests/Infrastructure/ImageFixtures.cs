using System.Buffers.Binary;
using System.Text;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>The committed fixture screenshots (tests/GlmMcp.Core.Tests/Imaging/Fixtures) and hand-made broken images.</summary>
public static class ImageFixtures
{
    /// <summary>pixelmatch 7.2.0's count for text-before/after.png at threshold 0.1, anti-aliasing excluded.</summary>
    public const long TextPairChangedPixels = 2234;

    public static string Path(string name) =>
        System.IO.Path.Join(ServerBinary.RepositoryRoot, "tests", "GlmMcp.Core.Tests", "Imaging", "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>A PNG of only a signature, a valid IHDR claiming <paramref name="width"/>×<paramref name="height"/>, and IEND.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 6;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A fixture PNG with its compressed pixel data scrambled (the header stays valid).</summary>
    public static byte[] CorruptPng()
    {
        var png = Bytes("text-before.png");
        for (var i = 200; i < png.Length - 100; i += 7)
            png[i] ^= 0x5A;
        return png;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(body));
        output.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
