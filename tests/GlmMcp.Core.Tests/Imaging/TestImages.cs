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

    /// <summary>
    /// A page-like screenshot: white, a light grey sidebar, lines of "glyphs" (8×12 tiles in 24 anti-aliasing greys,
    /// drawn from 40 shapes so they repeat as letters do) and, when <paramref name="gradientHeader"/>, a 300-colour
    /// gradient bar across the top (then more than 256 colours in all).
    /// </summary>
    public static RgbaImage ScreenshotLike(int width, int height, bool gradientHeader)
    {
        var image = White(width, height);
        var random = new Random(12);
        var shapes = new byte[40][];
        for (var i = 0; i < shapes.Length; i++)
        {
            shapes[i] = new byte[8 * 12];
            for (var j = 0; j < shapes[i].Length; j++)
                shapes[i][j] = random.Next(3) == 0 ? (byte)(40 + random.Next(24) * 9) : (byte)255;
        }
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < Math.Min(width, width / 5); x++)
                image.SetPixel(x, y, 246, 248, 250, 255);
        }
        for (var line = 40; line + 12 <= height; line += 24)
        {
            for (var x = width / 5 + 16; x + 8 <= width - 16; x += 9)
            {
                var shape = shapes[random.Next(shapes.Length)];
                for (var dy = 0; dy < 12; dy++)
                {
                    for (var dx = 0; dx < 8; dx++)
                    {
                        var v = shape[dy * 8 + dx];
                        image.SetPixel(x + dx, line + dy, v, v, (byte)Math.Min(255, v + 4), 255);
                    }
                }
            }
        }
        if (gradientHeader)
        {
            for (var y = 0; y < Math.Min(height, 24); y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var step = x * 300 / width;
                    image.SetPixel(x, y, (byte)(step % 256), (byte)(step / 256 * 128), 200, 255);
                }
            }
        }
        return image;
    }
}
