using GlmMcp.Core.Imaging;
using SkiaSharp;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>Draws located boxes (numbered, in cycling colours) over a copy of the image and encodes it as PNG.</summary>
internal static class BoxPainter
{
    // Distinct, saturated colours so neighbouring boxes stay apart on both light and dark UIs.
    private static readonly SKColor[] Colors = [new(255, 0, 90), new(0, 150, 255), new(0, 190, 90), new(255, 160, 0)];

    /// <summary>Stroke width as a share of the shorter side, so boxes stay visible on large screenshots.</summary>
    private const float StrokePerSide = 1f / 300;

    private const float MinStroke = 2;

    public static unsafe byte[] Draw(RgbaImage image, IReadOnlyList<LocatedBox> boxes)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKImage source;
        fixed (byte* pixels = image.Pixels)
            source = SKImage.FromPixelCopy(info, (IntPtr)pixels, image.Stride);
        using (source)
        using (var surface = SKSurface.Create(info.WithAlphaType(SKAlphaType.Premul)))
        {
            var canvas = surface.Canvas;
            canvas.DrawImage(source, 0, 0, SKSamplingOptions.Default);
            var stroke = Math.Max(MinStroke, Math.Min(image.Width, image.Height) * StrokePerSide);
            using var outline = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true };
            using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
            using var font = new SKFont { Size = Math.Max(12, stroke * 6) };
            for (var i = 0; i < boxes.Count; i++)
            {
                var box = boxes[i].Box;
                outline.Color = fill.Color = Colors[i % Colors.Length];
                if (boxes[i].IsPoint)
                    canvas.DrawCircle(box.X, box.Y, stroke * 3, outline);
                else
                    canvas.DrawRect(SKRect.Create(box.X, box.Y, box.Width, box.Height), outline);
                canvas.DrawText((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    box.X + stroke, Math.Max(font.Size, box.Y - stroke), SKTextAlign.Left, font, fill);
            }
            using var snapshot = surface.Snapshot();
            using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
            return png.ToArray();
        }
    }
}
