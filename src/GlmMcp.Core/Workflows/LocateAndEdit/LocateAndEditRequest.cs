using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// One visual edit. Where: exactly one of <see cref="Region"/> (screenshot pixels), <see cref="AnnotatedImage"/> (a
/// screenshot of the page with a drawn mark) or <see cref="Target"/> (a description the model grounds). What code:
/// exactly one of <see cref="SessionId"/>, <see cref="Path"/> (absolute, already checked against the allowed roots) or
/// <see cref="Url"/> (a page of a dev server on loopback, whose source files under <see cref="Roots"/> are edited).
/// <see cref="Width"/>, <see cref="Height"/> and <see cref="DeviceScaleFactor"/> apply to a file or URL; a session keeps its own.
/// <see cref="Roots"/>: the folders the page's files may come from and be written to (null: the file's own folder).
/// </summary>
public sealed record LocateAndEditRequest(
    string Instruction,
    PixelRect? Region,
    RgbaImage? AnnotatedImage,
    string? Target,
    string? SessionId,
    string? Path,
    bool DryRun,
    int Width = LocateAndEditRequest.DefaultWidth,
    int Height = LocateAndEditRequest.DefaultHeight,
    double DeviceScaleFactor = 1,
    AllowedRoots? Roots = null,
    string? Url = null)
{
    public const int DefaultWidth = 1280;
    public const int DefaultHeight = 800;

    /// <summary>Throws <see cref="UserInputException"/> for the first invalid argument.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Instruction))
            throw new UserInputException("'instruction' is empty: say what to change, e.g. \"make this button dark blue\".");
        var where = (Region is not null ? 1 : 0) + (AnnotatedImage is not null ? 1 : 0) + (string.IsNullOrWhiteSpace(Target) ? 0 : 1);
        if (where != 1)
            throw new UserInputException(
                "Say where with exactly one of 'region' ({x,y,width,height} in screenshot pixels), 'annotated_image' (a screenshot with a box, " +
                $"ellipse or arrow drawn on it) or 'target' (a description such as \"the Subscribe button\"); got {where}.");
        var what = (string.IsNullOrWhiteSpace(SessionId) ? 0 : 1) + (string.IsNullOrWhiteSpace(Path) ? 0 : 1) + (string.IsNullOrWhiteSpace(Url) ? 0 : 1);
        if (what != 1)
            throw new UserInputException(
                "Say which code with exactly one of 'session_id', 'path' (an HTML file under the allowed roots) or 'url' (a page of your dev " +
                $"server on loopback, e.g. http://localhost:5173/, whose source files lie under the allowed roots); got {what}.");
        if (Url is not null)
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var page) || (page.Scheme != Uri.UriSchemeHttp && page.Scheme != Uri.UriSchemeHttps))
                throw new UserInputException($"'url' must be an http(s) URL of your dev server, e.g. http://localhost:5173/; got \"{InputEcho.Truncate(Url)}\".");
            if (!UrlPolicy.IsLoopbackHost(page.Host))
                throw new UserInputException(
                    $"'url' {InputEcho.Truncate(Url)} is not on this machine: locate_and_edit edits the source files of a dev server on loopback " +
                    "(localhost, 127.0.0.1, [::1]) only. Start the dev server locally and pass its local address.");
        }
        if (Region is { } r && (r.Width <= 0 || r.Height <= 0))
            throw new UserInputException($"'region' needs a positive width and height, got {{x:{r.X},y:{r.Y},width:{r.Width},height:{r.Height}}}.");
        if (Width is < 1 or > 16384 || Height is < 1 or > 16384)
            throw new UserInputException($"'width' and 'height' must be between 1 and 16384 CSS pixels, got {Width}×{Height}.");
        if (!(DeviceScaleFactor is >= 0.1 and <= 4))
            throw new UserInputException($"'device_scale_factor' must be between 0.1 and 4, got {DeviceScaleFactor}.");
    }
}
