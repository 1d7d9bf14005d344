using SkiaSharp;

namespace GlmMcp.Core.Imaging;

/// <summary>Resamples <see cref="RgbaImage"/>s.</summary>
public static class ImageScaler
{
    /// <summary>Scales <paramref name="image"/> to the given size (Mitchell cubic).</summary>
    public static RgbaImage Resize(RgbaImage image, int width, int height) =>
        Resample(image, width, height, new SKSamplingOptions(SKCubicResampler.Mitchell));

    /// <summary>
    /// Halves <paramref name="image"/> (odd sizes round down): bilinear sampling at each target pixel's centre falls on
    /// the corner of a 2×2 source block, so every target pixel is that block's average (a box filter), and fast.
    /// </summary>
    public static RgbaImage Halve(RgbaImage image) =>
        Resample(image, Math.Max(1, image.Width / 2), Math.Max(1, image.Height / 2), new SKSamplingOptions(SKFilterMode.Linear));

    private static unsafe RgbaImage Resample(RgbaImage image, int width, int height, SKSamplingOptions sampling)
    {
        var output = new RgbaImage(width, height, GC.AllocateUninitializedArray<byte>(width * height * RgbaImage.BytesPerPixel));
        fixed (byte* source = image.Pixels)
        fixed (byte* target = output.Pixels)
        {
            using var from = new SKPixmap(ImageEncoder.Info(image), (IntPtr)source, image.Stride);
            using var to = new SKPixmap(ImageEncoder.Info(output), (IntPtr)target, output.Stride);
            if (!from.ScalePixels(to, sampling))
                throw new InvalidOperationException($"Scaling {image.Width}×{image.Height} to {width}×{height} failed.");
        }
        return output;
    }
}
