using SkiaSharp;

namespace GlmMcp.Inference.Tests.TinyGguf;

/// <summary>Small PNGs drawn with SkiaSharp for the image paths of the engine tests.</summary>
public static class TestImages
{
    public static byte[] Png(int width = 120, int height = 80, SKColor? fill = null)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(fill ?? SKColors.White);
            using var paint = new SKPaint { Color = SKColors.SteelBlue };
            canvas.DrawRect(10, 10, width / 2f, height / 2f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
