using SkiaSharp;

namespace GlmMcp.Core.Tests.Rendering;

/// <summary>Test pages and pixel checks on decoded screenshots.</summary>
internal static class RenderAssert
{
    /// <summary>A 100×100 #ff0000 square at (40, 60) on white.</summary>
    public const string RedSquareHtml =
        "<!doctype html><html><body style=\"margin:0;background:#fff\">" +
        "<div style=\"position:absolute;left:40px;top:60px;width:100px;height:100px;background:#ff0000\"></div>" +
        "</body></html>";

    public static SKBitmap Decode(byte[] image) =>
        SKBitmap.Decode(image) ?? throw new Xunit.Sdk.XunitException("The screenshot is not a decodable image.");

    /// <summary>Every pixel inside the square (scaled by <paramref name="scale"/>) is pure red, every other pixel pure white.</summary>
    public static void RedSquareAt(byte[] png, int width, int height, double scale = 1)
    {
        using var bitmap = Decode(png);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var left = (int)(40 * scale);
        var top = (int)(60 * scale);
        var right = (int)(140 * scale);
        var bottom = (int)(160 * scale);
        var wrong = 0;
        var firstWrong = "";
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var inside = x >= left && x < right && y >= top && y < bottom;
                var expected = inside ? new SKColor(255, 0, 0) : new SKColor(255, 255, 255);
                var actual = bitmap.GetPixel(x, y);
                if (actual.Red != expected.Red || actual.Green != expected.Green || actual.Blue != expected.Blue)
                {
                    if (wrong++ == 0)
                        firstWrong = $"({x},{y}) is {actual}, expected {expected}";
                }
            }
        }
        Assert.True(wrong == 0, $"{wrong} pixels differ from a red square at ({left},{top})-({right},{bottom}) on white; first: {firstWrong}");
    }
}
