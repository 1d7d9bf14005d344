using SkiaSharp;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>The red-square test page and a pixel-exact check of its screenshot.</summary>
internal static class RenderPages
{
    /// <summary>A 100×100 #ff0000 square at (40, 60) on white.</summary>
    public const string RedSquareHtml =
        "<!doctype html><html><body style=\"margin:0;background:#fff\">" +
        "<div style=\"position:absolute;left:40px;top:60px;width:100px;height:100px;background:#ff0000\"></div>" +
        "</body></html>";

    /// <summary>Every pixel inside the square is pure red and every other pixel pure white.</summary>
    public static void AssertRedSquare(ReadOnlySpan<byte> png, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new Xunit.Sdk.XunitException("The image does not decode.");
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var wrong = 0;
        var first = "";
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = x is >= 40 and < 140 && y is >= 60 and < 160;
                var pixel = bitmap.GetPixel(x, y);
                var ok = inside
                    ? pixel.Red == 255 && pixel.Green == 0 && pixel.Blue == 0
                    : pixel.Red == 255 && pixel.Green == 255 && pixel.Blue == 255;
                if (!ok && wrong++ == 0)
                    first = $"({x},{y}) is {pixel}";
            }
        }
        Assert.True(wrong == 0, $"{wrong} pixels are not as expected; first: {first}");
    }
}
