using SkiaSharp;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Shrinks an image the server returns so its long side fits a limit (model clients downscale anything larger
/// anyway, after paying for the bytes). Only what is returned is shrunk: measuring and written files use the full
/// resolution. Shrinking is an exact area average (<see cref="ImageScaler.Shrink"/>): every pixel it drops is
/// averaged in, so fine text does not alias, in one pass.
/// </summary>
public static class ImageFitter
{
    /// <summary>JPEG quality of a shrunk JPEG, as Chromium's default screenshot quality.</summary>
    public const int JpegQuality = 90;

    /// <summary>
    /// The most pixels a PNG that already fits may have for <see cref="Fit"/> to re-encode it: a returned image at the
    /// default long side (<see cref="ImagingOptions.DefaultMaxReturnedImageSide"/> squared). Larger ones (full
    /// resolution asked for) come back as they are, without the decode and encode.
    /// </summary>
    public const int MaxReencodedPixels = ImagingOptions.DefaultMaxReturnedImageSide * ImagingOptions.DefaultMaxReturnedImageSide;

    /// <summary>
    /// <paramref name="encoded"/> (PNG or JPEG, as <paramref name="mimeType"/> says) when its long side is at most
    /// <paramref name="maxSide"/> (0: no limit), otherwise re-encoded in the same format at the size that fits. A PNG
    /// that fits (of at most <see cref="MaxReencodedPixels"/> pixels) and was encoded elsewhere
    /// (<paramref name="ourEncoding"/> false: Chromium's screenshots, taken with its fast PNG encoder) is re-encoded with
    /// <see cref="ImageEncoder.EncodePng"/> and whichever of the two is smaller is returned: about 0.7× the bytes. A PNG
    /// this server encoded itself (a diff picture, boxes drawn on an image) is not encoded a second time.
    /// </summary>
    public static FittedImage Fit(byte[] encoded, string mimeType, int maxSide, bool ourEncoding = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSide);
        var (_, width, height) = ImageHeader.Read(encoded);
        if (maxSide == 0 || Math.Max(width, height) <= maxSide || width <= 0 || height <= 0)
            return new FittedImage(ourEncoding ? encoded : Smaller(encoded, mimeType, width, height), mimeType, width, height, width, height);

        var scale = (double)maxSide / Math.Max(width, height);
        var targetWidth = Math.Max(1, (int)Math.Round(width * scale));
        var targetHeight = Math.Max(1, (int)Math.Round(height * scale));
        var image = ImageScaler.Shrink(Decode(encoded), targetWidth, targetHeight);
        var bytes = mimeType == "image/jpeg" ? ImageEncoder.EncodeJpeg(image, JpegQuality) : ImageEncoder.EncodePng(image);
        return new FittedImage(bytes, mimeType == "image/jpeg" ? mimeType : "image/png", targetWidth, targetHeight, width, height);
    }

    /// <summary><paramref name="encoded"/>, or its re-encoding by our PNG encoder when it is a PNG that encodes smaller.</summary>
    private static byte[] Smaller(byte[] encoded, string mimeType, int width, int height)
    {
        if (mimeType != "image/png" || width <= 0 || height <= 0 || (long)width * height > MaxReencodedPixels)
            return encoded;
        var ours = ImageEncoder.EncodePng(Decode(encoded));
        return ours.Length < encoded.Length ? ours : encoded;
    }

    /// <summary>Decodes an image this server encoded itself (a render or a diff picture): no input limits apply.</summary>
    private static unsafe RgbaImage Decode(byte[] encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(new SKMemoryStream(data))
                          ?? throw new InvalidOperationException($"An image the server made ({encoded.Length} bytes) could not be read back.");
        var image = new RgbaImage(codec.Info.Width, codec.Info.Height,
            GC.AllocateUninitializedArray<byte>(codec.Info.Width * codec.Info.Height * RgbaImage.BytesPerPixel));
        fixed (byte* p = image.Pixels)
        {
            var result = codec.GetPixels(ImageEncoder.Info(image), (IntPtr)p);
            if (result != SKCodecResult.Success)
                throw new InvalidOperationException($"An image the server made could not be read back ({result}).");
        }
        return image;
    }
}
