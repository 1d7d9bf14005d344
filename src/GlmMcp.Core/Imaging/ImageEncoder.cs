using SkiaSharp;

namespace GlmMcp.Core.Imaging;

/// <summary>Encodes <see cref="RgbaImage"/> as PNG or JPEG.</summary>
public static class ImageEncoder
{
    /// <summary>PNG, tuned for speed over size (see <see cref="PngWriter"/>); lossless, RGB when fully opaque.</summary>
    public static byte[] EncodePng(RgbaImage image) => PngWriter.Encode(image);

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
