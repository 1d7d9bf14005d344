using SkiaSharp;

namespace GlmMcp.Core.Imaging;

/// <summary>Encodes <see cref="RgbaImage"/> as PNG or JPEG.</summary>
public static class ImageEncoder
{
    /// <summary>zlib level 1 with the Sub filter: diff pictures are mostly flat, so this is small and several times faster than the default.</summary>
    private static readonly SKPngEncoderOptions FastPng = new(SKPngEncoderFilterFlags.Sub, 1);

    public static unsafe byte[] EncodePng(RgbaImage image)
    {
        fixed (byte* p = image.Pixels)
        {
            using var pixmap = new SKPixmap(Info(image), (IntPtr)p, image.Stride);
            using var data = pixmap.Encode(FastPng) ?? throw new InvalidOperationException("PNG encoding failed.");
            return data.ToArray();
        }
    }

    public static unsafe byte[] EncodeJpeg(RgbaImage image, int quality = 90)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        fixed (byte* p = image.Pixels)
        {
            using var pixmap = new SKPixmap(Info(image), (IntPtr)p, image.Stride);
            using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
                             ?? throw new InvalidOperationException("JPEG encoding failed.");
            return data.ToArray();
        }
    }

    internal static SKImageInfo Info(RgbaImage image) => new(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
}
