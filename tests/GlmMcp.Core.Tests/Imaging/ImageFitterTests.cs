using GlmMcp.Core.Imaging;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class ImageFitterTests
{
    /// <summary>Black and white columns one pixel wide: a single cubic step to a quarter would alias them into bands.</summary>
    private static RgbaImage Stripes(int width, int height)
    {
        var image = RgbaImage.CreateFilled(width, height, 255, 255, 255, 255);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x += 2)
                image.SetPixel(x, y, 0, 0, 0, 255);
        }
        return image;
    }

    [Fact]
    public void An_image_that_fits_is_returned_as_it_came()
    {
        var png = ImageEncoder.EncodePng(Stripes(300, 200));

        var fitted = ImageFitter.Fit(png, "image/png", 300);

        Assert.Same(png, fitted.Bytes);
        Assert.Equal((300, 200, 300, 200), (fitted.Width, fitted.Height, fitted.FullWidth, fitted.FullHeight));
        Assert.False(fitted.Downscaled);
    }

    [Fact]
    public void A_larger_image_is_shrunk_to_the_long_side_keeping_its_shape_and_fine_detail_averages_to_grey()
    {
        var png = ImageEncoder.EncodePng(Stripes(4000, 1000));

        var fitted = ImageFitter.Fit(png, "image/png", 1000);

        Assert.Equal((1000, 250, 4000, 1000), (fitted.Width, fitted.Height, fitted.FullWidth, fitted.FullHeight));
        Assert.Equal("image/png", fitted.MimeType);
        using var bitmap = SKBitmap.Decode(fitted.Bytes);
        Assert.Equal((1000, 250), (bitmap.Width, bitmap.Height));
        for (var x = 0; x < bitmap.Width; x += 37)
        {
            var grey = bitmap.GetPixel(x, 125).Red;
            Assert.InRange(grey, 112, 144);
        }
    }

    [Fact]
    public void A_jpeg_stays_a_jpeg_and_zero_means_full_resolution()
    {
        var jpeg = ImageEncoder.EncodeJpeg(RgbaImage.CreateFilled(2000, 100, 10, 20, 30, 255));

        var fitted = ImageFitter.Fit(jpeg, "image/jpeg", 500);
        var full = ImageFitter.Fit(jpeg, "image/jpeg", 0);

        Assert.Equal("image/jpeg", fitted.MimeType);
        Assert.Equal((byte)0xFF, fitted.Bytes[0]);
        Assert.Equal((500, 25), (fitted.Width, fitted.Height));
        Assert.Same(jpeg, full.Bytes);
    }
}
