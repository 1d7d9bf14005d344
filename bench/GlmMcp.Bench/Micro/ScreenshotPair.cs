using GlmMcp.Core.Imaging;
using SkiaSharp;

namespace GlmMcp.Bench.Micro;

/// <summary>
/// A page-like screenshot pair drawn with SkiaSharp (header, text lines, cards, a button; the "after" moves the button,
/// recolours a card and rewrites a line), so the hot loops run on realistic content without files.
/// </summary>
internal static class ScreenshotPair
{
    public static (byte[] Before, byte[] After) Png(int width, int height) => (Draw(width, height, false), Draw(width, height, true));

    public static (RgbaImage Before, RgbaImage After) Decoded(int width, int height)
    {
        var decoder = new ImageDecoder(new ImagingOptions());
        var (before, after) = Png(width, height);
        return (decoder.Decode(before, "before"), decoder.Decode(after, "after"));
    }

    private static byte[] Draw(int width, int height, bool changed)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var header = new SKPaint { Color = new SKColor(0x1e, 0x29, 0x3b) };
            canvas.DrawRect(0, 0, width, height / 12f, header);
            using var font = new SKFont(SKTypeface.Default, 16);
            using var text = new SKPaint { Color = new SKColor(0x33, 0x33, 0x33), IsAntialias = true };
            for (var y = height / 8; y < height * 3 / 5; y += 26)
            {
                var line = changed && y == height / 8 + 26 * 3 ? "A rewritten line of body text in the article" : "Body text of the article, line " + y;
                canvas.DrawText(line, 48, y, SKTextAlign.Left, font, text);
            }
            for (var i = 0; i < 4; i++)
            {
                using var card = new SKPaint { Color = changed && i == 2 ? new SKColor(0xdb, 0xea, 0xfe) : new SKColor(0xf1, 0xf5, 0xf9) };
                var x = 48 + i * (width - 96) / 4f;
                canvas.DrawRoundRect(new SKRect(x, height * 0.65f, x + (width - 96) / 4f - 24, height * 0.9f), 12, 12, card);
            }
            using var button = new SKPaint { Color = new SKColor(0x25, 0x63, 0xeb), IsAntialias = true };
            var left = width - 220 - (changed ? 40 : 0);
            canvas.DrawRoundRect(new SKRect(left, height / 40f, left + 160, height / 40f + 44), 8, 8, button);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
