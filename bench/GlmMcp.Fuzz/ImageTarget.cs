using System.Text;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;

namespace GlmMcp.Fuzz;

/// <summary>
/// Everything an image argument reaches before the pixels: the bytes go through <see cref="ImageDecoder.Decode"/>
/// (header sniffing, the size checks, the SkiaSharp codec and PNG chunk handling); text that looks like a
/// <c>data:</c> URI or raw base64 also goes through <see cref="ImageLoader.ReadBytesAsync"/> first. Lower limits than
/// the defaults keep each run cheap without skipping a check. A <see cref="UserInputException"/> is the documented
/// answer to a bad image; anything else is a finding.
/// </summary>
internal sealed class ImageTarget : IFuzzTarget, IDisposable
{
    private static readonly string[] InlinePrefixes = ["data:", "iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "Qk"];

    private readonly ImageLoader _loader = new(
        new ImageDecoder(new ImagingOptions { MaxMegapixels = 4, MaxSide = 4096, MaxInputBytes = 1 << 20 }), new UrlPolicy([]));

    // An empty root: a base64-looking argument that is not base64 falls through to the file branch and must be refused.
    private readonly AllowedRoots _roots = new([Path.Combine(Path.GetTempPath(), "glm-mcp-fuzz-no-files")]);

    public void Run(byte[] data)
    {
        try
        {
            _loader.Decoder.Decode(data, "image");
        }
        catch (UserInputException)
        {
        }

        var text = Encoding.UTF8.GetString(data).Trim();
        if (!InlinePrefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return;
        try
        {
            var bytes = _loader.ReadBytesAsync(text, _roots, "image", CancellationToken.None).GetAwaiter().GetResult();
            _loader.Decoder.Decode(bytes, "image");
        }
        catch (UserInputException)
        {
        }
    }

    public void Dispose() => _loader.Dispose();
}
