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
    public void A_png_that_fits_comes_back_in_our_encoding_when_that_is_smaller_with_every_pixel_the_same()
    {
        var page = TestImages.ScreenshotLike(1280, 800, gradientHeader: true);
        var fast = EncodeFast(page);

        var fitted = ImageFitter.Fit(fast, "image/png", ImagingOptions.DefaultMaxReturnedImageSide);

        Assert.True(fitted.Bytes.Length < fast.Length, $"returned {fitted.Bytes.Length} bytes, Skia's fast PNG {fast.Length}");
        Assert.Equal((1280, 800, 1280, 800), (fitted.Width, fitted.Height, fitted.FullWidth, fitted.FullHeight));
        Assert.Equal("image/png", fitted.MimeType);
        Assert.Equal(page.Pixels, Decode(fitted.Bytes, page));
    }

    [Fact]
    public void A_png_of_our_own_encoding_that_fits_is_returned_as_it_is_without_a_second_encode()
    {
        var fast = EncodeFast(TestImages.ScreenshotLike(1280, 800, gradientHeader: true));

        var fitted = ImageFitter.Fit(fast, "image/png", ImagingOptions.DefaultMaxReturnedImageSide, ourEncoding: true);

        Assert.Same(fast, fitted.Bytes);
        Assert.Equal((1280, 800, 1280, 800), (fitted.Width, fitted.Height, fitted.FullWidth, fitted.FullHeight));
    }

    [Fact]
    public void A_full_resolution_png_of_more_pixels_than_the_default_returned_size_comes_back_as_it_came()
    {
        var fast = EncodeFast(TestImages.ScreenshotLike(2000, 1300, gradientHeader: true));

        var fitted = ImageFitter.Fit(fast, "image/png", 0);

        Assert.True(2000 * 1300 > ImageFitter.MaxReencodedPixels);
        Assert.Same(fast, fitted.Bytes);
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

    [Fact]
    public void Shrinking_averages_each_target_pixels_footprint_exactly_in_any_ratio()
    {
        // Three pixels to two: each target pixel covers one and a half source pixels.
        var row = new RgbaImage(3, 1, [0, 0, 0, 255, 90, 90, 90, 255, 180, 180, 180, 255]);

        var shrunk = ImageScaler.Shrink(row, 2, 1);

        Assert.Equal([30, 30, 30, 255, 150, 150, 150, 255], shrunk.Pixels);
    }

    [Fact]
    public void Shrinking_weights_colours_by_alpha_so_a_transparent_pixel_lends_no_colour()
    {
        var pair = new RgbaImage(2, 2, [255, 0, 0, 0, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0, 255, 255]);

        var shrunk = ImageScaler.Shrink(pair, 1, 1);

        Assert.Equal([0, 0, 255, 128], shrunk.Pixels);
    }

    [Fact]
    public void Shrinking_a_large_screenshot_keeps_flat_areas_exact_and_every_pixel_counted()
    {
        var width = 3840;
        var height = 2160;
        var pixels = new byte[width * height * RgbaImage.BytesPerPixel];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var x = i / 4 % width;
            (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = x < width / 2 ? ((byte)31, (byte)58, (byte)147, (byte)255) : ((byte)255, (byte)255, (byte)255, (byte)255);
        }
        // One bright pixel in the dark half: its share survives the average.
        pixels[(100 * width + 100) * 4] = 255;

        var shrunk = ImageScaler.Shrink(new RgbaImage(width, height, pixels), 1568, 882);

        Assert.Equal((1568, 882), (shrunk.Width, shrunk.Height));
        Assert.Equal([31, 58, 147, 255], shrunk.Pixels.AsSpan(0, 4).ToArray());
        Assert.Equal([255, 255, 255, 255], shrunk.Pixels.AsSpan(shrunk.Pixels.Length - 4).ToArray());
        var at = (int)(100 * 882.0 / height) * shrunk.Stride + (int)(100 * 1568.0 / width) * 4;
        Assert.InRange(shrunk.Pixels[at], 31 + 1, 31 + 60);
    }

    /// <summary>A PNG as Chromium writes a screenshot with <c>optimizeForSpeed</c>: zlib level 1, every row filtered Up.</summary>
    private static byte[] EncodeFast(RgbaImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        image.Pixels.CopyTo(bitmap.GetPixelSpan());
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1)) ?? throw new InvalidOperationException("Skia could not encode the PNG.");
        return data.ToArray();
    }

    private static byte[] Decode(byte[] png, RgbaImage like)
    {
        using var bitmap = SKBitmap.Decode(png, new SKImageInfo(like.Width, like.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap);
        return bitmap.Bytes;
    }
}
