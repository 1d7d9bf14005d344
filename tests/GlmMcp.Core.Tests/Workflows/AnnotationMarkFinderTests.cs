using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.LocateAndEdit;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class AnnotationMarkFinderTests
{
    private static readonly SKColor Red = new(230, 30, 40);

    /// <summary>A page-like picture: white, a light grey card, dark text bars and a red button (so red on the page is not ink).</summary>
    private static RgbaImage Page()
    {
        return Draw(null, canvas =>
        {
            using var card = new SKPaint { Color = new SKColor(240, 240, 244) };
            canvas.DrawRect(400, 200, 300, 200, card);
            using var text = new SKPaint { Color = new SKColor(30, 30, 30) };
            canvas.DrawRect(420, 230, 200, 14, text);
            canvas.DrawRect(420, 260, 160, 14, text);
            using var button = new SKPaint { Color = Red };
            canvas.DrawRect(100, 600, 120, 40, button);
        });
    }

    private static RgbaImage Draw(RgbaImage? over, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(1000, 700, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            if (over is null)
                canvas.Clear(SKColors.White);
            else
                Marshal(over, bitmap);
            draw(canvas);
        }
        var pixels = new byte[1000 * 700 * 4];
        System.Runtime.InteropServices.Marshal.Copy(bitmap.GetPixels(), pixels, 0, pixels.Length);
        return new RgbaImage(1000, 700, pixels);
    }

    private static void Marshal(RgbaImage image, SKBitmap bitmap) =>
        System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);

    private static SKPaint Stroke(SKColor color) => new() { Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = 4, IsAntialias = true };

    [Fact]
    public void A_red_ellipse_around_the_card_gives_a_region_inside_the_card_area()
    {
        var clean = Page();
        using var pen = Stroke(Red);
        var annotated = Draw(clean, c => c.DrawOval(new SKRect(370, 170, 730, 430), pen));

        var mark = AnnotationMarkFinder.Find(annotated, clean);

        Assert.Equal(MarkShape.Ellipse, mark.Shape);
        Assert.InRange(mark.Ink.X, 365, 372);
        Assert.InRange(mark.Ink.Right, 728, 735);
        Assert.True(mark.Region.X >= 400 && mark.Region.Right <= 700 && mark.Region.Y >= 200 && mark.Region.Bottom <= 400, $"{mark.Region}");
        Assert.True(mark.Region.Width > 200 && mark.Region.Height > 130, $"{mark.Region}");
    }

    [Fact]
    public void A_blue_box_gives_its_inside()
    {
        var clean = Page();
        using var pen = Stroke(new SKColor(20, 90, 230));
        var annotated = Draw(clean, c => c.DrawRect(new SKRect(90, 590, 230, 650), pen));

        var mark = AnnotationMarkFinder.Find(annotated, clean);

        Assert.Equal(MarkShape.Box, mark.Shape);
        Assert.InRange(mark.Region.X, 89, 96);
        Assert.InRange(mark.Region.Right, 224, 231);
        Assert.InRange(mark.Region.Y, 589, 596);
    }

    [Fact]
    public void A_green_arrow_gives_a_region_beyond_its_head()
    {
        var clean = Page();
        using var pen = Stroke(new SKColor(20, 170, 60));
        var annotated = Draw(clean, c =>
        {
            // From lower right up-left to the card's bottom-right corner, head at (700, 400).
            c.DrawLine(900, 600, 705, 405, pen);
            c.DrawLine(705, 405, 740, 410, pen);
            c.DrawLine(705, 405, 710, 440, pen);
        });

        var mark = AnnotationMarkFinder.Find(annotated, clean);

        Assert.Equal(MarkShape.Arrow, mark.Shape);
        Assert.True(mark.Region.Contains(680, 380), $"{mark.Region}");
        Assert.False(mark.Region.Contains(850, 550), $"{mark.Region}");
    }

    [Fact]
    public void An_annotation_without_any_strong_ink_is_a_user_error()
    {
        var clean = Page();
        using var pen = Stroke(new SKColor(128, 128, 128));
        var annotated = Draw(clean, c => c.DrawRect(new SKRect(90, 590, 230, 650), pen));

        var error = Assert.Throws<UserInputException>(() => AnnotationMarkFinder.Find(annotated, clean));
        Assert.Contains("No drawn mark", error.Message);
    }

    [Fact]
    public void An_annotated_image_of_another_size_is_a_user_error_naming_both_sizes()
    {
        var error = Assert.Throws<UserInputException>(() =>
            AnnotationMarkFinder.Find(RgbaImage.CreateFilled(500, 350, 255, 255, 255, 255), Page()));
        Assert.Contains("500×350", error.Message);
        Assert.Contains("1000×700", error.Message);
    }
}
