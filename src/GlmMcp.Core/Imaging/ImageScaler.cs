using SkiaSharp;

namespace GlmMcp.Core.Imaging;

/// <summary>Resamples <see cref="RgbaImage"/>s.</summary>
public static class ImageScaler
{
    /// <summary>Scales <paramref name="image"/> to the given size (Mitchell cubic).</summary>
    public static unsafe RgbaImage Resize(RgbaImage image, int width, int height)
    {
        var output = new RgbaImage(width, height, GC.AllocateUninitializedArray<byte>(width * height * RgbaImage.BytesPerPixel));
        fixed (byte* source = image.Pixels)
        fixed (byte* target = output.Pixels)
        {
            using var from = new SKPixmap(ImageEncoder.Info(image), (IntPtr)source, image.Stride);
            using var to = new SKPixmap(ImageEncoder.Info(output), (IntPtr)target, output.Stride);
            if (!from.ScalePixels(to, new SKSamplingOptions(SKCubicResampler.Mitchell)))
                throw new InvalidOperationException($"Scaling {image.Width}×{image.Height} to {width}×{height} failed.");
        }
        return output;
    }
}
