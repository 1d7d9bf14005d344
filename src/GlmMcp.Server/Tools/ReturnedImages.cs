using System.Globalization;
using GlmMcp.Core.Imaging;
using GlmMcp.Server.Contract;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tools;

/// <summary>The images tools return, each shrunk to the call's <c>max_image_side</c> or <c>Imaging:MaxReturnedImageSide</c>.</summary>
internal static class ReturnedImages
{
    /// <summary>
    /// <paramref name="encoded"/> fitted to the returned size; <paramref name="ourEncoding"/>: this server's PNG encoder
    /// made it (so it is not re-encoded when it already fits), rather than Chromium.
    /// </summary>
    public static (ImageContentBlock Block, ReturnedImage Size) Fit(byte[] encoded, string mimeType, int? maxSide, ImagingOptions options, bool ourEncoding = false) =>
        From(ImageFitter.Fit(encoded, mimeType, maxSide ?? options.MaxReturnedImageSide, ourEncoding));

    /// <summary>An image already drawn at the size it is returned at.</summary>
    public static (ImageContentBlock Block, ReturnedImage Size) From(FittedImage fitted) =>
        (ImageContentBlock.FromBytes(fitted.Bytes, fitted.MimeType), ReturnedImage.From(fitted));

    /// <summary>"1568×882 (full 3840×2160)" or "1280×800".</summary>
    public static string Describe(ReturnedImage size) =>
        size.Width == size.FullWidth && size.Height == size.FullHeight
            ? string.Create(CultureInfo.InvariantCulture, $"{size.Width}×{size.Height}")
            : string.Create(CultureInfo.InvariantCulture, $"{size.Width}×{size.Height} (full {size.FullWidth}×{size.FullHeight})");
}
