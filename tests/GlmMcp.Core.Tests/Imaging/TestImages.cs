using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Imaging;

/// <summary>Fixture files and small images drawn in code.</summary>
internal static class TestImages
{
    public static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "Imaging", "Fixtures");

    public static string Fixture(string name) => Path.Combine(FixtureFolder, name);

    public static RgbaImage LoadFixture(string name) =>
        new ImageDecoder(new ImagingOptions()).Decode(File.ReadAllBytes(Fixture(name)), name);

    public static VisualDiffer Differ(ImagingOptions? options = null) =>
        new(new ImageLoader(new ImageDecoder(options ?? new ImagingOptions()), new UrlPolicy([])));

    public static RgbaImage White(int width, int height) => RgbaImage.CreateFilled(width, height, 255, 255, 255, 255);

    /// <summary>A copy of <paramref name="image"/> with the rectangle filled with one colour.</summary>
    public static RgbaImage WithBlock(RgbaImage image, PixelRect block, byte r, byte g, byte b, byte a = 255)
    {
        var copy = image.Clone();
        for (var y = block.Y; y < block.Bottom; y++)
        {
            for (var x = block.X; x < block.Right; x++)
                copy.SetPixel(x, y, r, g, b, a);
        }
        return copy;
    }
}
