
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
    public static byte[] PngHeaderClaiming(int width, int height) => PngBuilder.HeaderOnly(width, height);

    /// <summary>A fixture PNG with its compressed pixel data scrambled (the header stays valid).</summary>
    public static byte[] CorruptPng()
    {
        var png = Bytes("text-before.png");
        for (var i = 200; i < png.Length - 100; i += 7)
            png[i] ^= 0x5A;
        return png;
    }
}
