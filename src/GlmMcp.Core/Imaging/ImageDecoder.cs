using System.Text;
using SkiaSharp;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Decodes PNG, JPEG, WebP, GIF (first frame) and BMP into <see cref="RgbaImage"/>. The header is read first and
/// the size checked against <see cref="ImagingOptions"/> before any pixel memory is allocated; anything the codec
/// cannot read completely becomes a <see cref="UserInputException"/>.
/// </summary>
public sealed class ImageDecoder(ImagingOptions options)
{
    private const string Formats = "PNG, JPEG, WebP, GIF or BMP";
    private const int BytesShownOfUnknownInput = 16;

    public ImagingOptions Options { get; } = options;

    /// <summary>Decodes <paramref name="data"/>; <paramref name="argumentName"/> names the input in error messages.</summary>
    public unsafe RgbaImage Decode(ReadOnlySpan<byte> data, string argumentName)
    {
        if (data.IsEmpty)
            throw new UserInputException($"'{argumentName}' is empty (0 bytes); give a {Formats} image.");
        if (data.Length > Options.MaxInputBytes)
            throw new UserInputException(
                $"'{argumentName}' is {data.Length:N0} bytes; the limit is {Options.MaxInputBytes:N0} ({ImagingOptions.Section}:MaxInputBytes).");

        var (format, declaredWidth, declaredHeight) = ImageHeader.Read(data);
        if (format is null)
            throw new UserInputException(DescribeUnknown(data, argumentName));
        if (declaredWidth > 0 && declaredHeight > 0)
            CheckSize(declaredWidth, declaredHeight, argumentName);

        // Ancillary PNG chunks cost the codec time quadratic in their size; it gets the PNG without them.
        var input = format == "PNG" ? PngChunkFilter.Filter(data) : data;
        // The codec reads the input in place (pinned until it is disposed), not a copy: an input may be 64 MiB.
        fixed (byte* bytes = input)
            return Decode(input.Length, bytes, data.Length, format, argumentName);
    }

    private unsafe RgbaImage Decode(int length, byte* bytes, int originalLength, string format, string argumentName)
    {
        using var encoded = SKData.Create((IntPtr)bytes, length);
        // The codec takes ownership of the stream.
        using var codec = SKCodec.Create(new SKMemoryStream(encoded), out var openResult);
        if (codec is null)
            throw new UserInputException(
                $"'{argumentName}' looks like {format} but its header is truncated or corrupt ({openResult}, {originalLength} bytes). " +
                "Re-export or re-capture the image.");

        var width = codec.Info.Width;
        var height = codec.Info.Height;
        CheckSize(width, height, argumentName);

        var pixels = GC.AllocateUninitializedArray<byte>(width * height * RgbaImage.BytesPerPixel);
        // No colour space on the target: pixels are compared as stored, like pixelmatch does with pngjs.
        var target = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKCodecResult result;
        fixed (byte* p = pixels)
            result = codec.GetPixels(target, (IntPtr)p);
        if (result != SKCodecResult.Success)
            throw new UserInputException(
                $"'{argumentName}' is a {width}×{height} {codec.EncodedFormat} image that is truncated or corrupt ({result}); " +
                "re-export or re-capture it.");
        return new RgbaImage(width, height, pixels);
    }

    /// <summary>Throws when an image of this size is over the configured limits.</summary>
    public void CheckSize(int width, int height, string argumentName)
    {
        var megapixels = (double)width * height / 1_000_000;
        if (width <= 0 || height <= 0)
            throw new UserInputException($"'{argumentName}' declares an empty size ({width}×{height}); the file is corrupt.");
        if (width > Options.MaxSide || height > Options.MaxSide || megapixels > Options.MaxMegapixels)
            throw new UserInputException(
                $"'{argumentName}' is {width}×{height} ({megapixels:0.#} megapixels); the limit is {Options.MaxSide} px per side " +
                $"and {Options.MaxMegapixels:0.#} megapixels ({ImagingOptions.Section}:MaxSide, {ImagingOptions.Section}:MaxMegapixels). " +
                "Crop or scale the image down, or raise the limit.");
    }

    private static string DescribeUnknown(ReadOnlySpan<byte> data, string argumentName)
    {
        if (LooksLikeText(data))
        {
            var start = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 40)]).ReplaceLineEndings(" ");
            return $"'{argumentName}' is text, not an image (it starts with \"{start}\"). Give a {Formats} image.";
        }
        var head = Convert.ToHexString(data[..Math.Min(data.Length, BytesShownOfUnknownInput)]);
        return $"'{argumentName}' is not a {Formats} image (it starts with bytes {head}). The file may be corrupt or in another format.";
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> data)
    {
        var sample = data[..Math.Min(data.Length, 512)];
        foreach (var b in sample)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20))
                return false;
        }
        return true;
    }
}
