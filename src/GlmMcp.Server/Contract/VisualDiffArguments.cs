using GlmMcp.Core;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Server.Contract;

/// <summary>Parses the word-valued arguments that <c>visual_diff</c> and <c>glm-mcp diff</c> share.</summary>
internal static class VisualDiffArguments
{
    public static SizeMismatchMode ParseSizeMismatch(string? value, string argumentName = "size_mismatch") =>
        (value ?? "fail").Trim().ToLowerInvariant() switch
        {
            "fail" => SizeMismatchMode.Fail,
            "pad" => SizeMismatchMode.Pad,
            "resize" => SizeMismatchMode.Resize,
            _ => throw new UserInputException($"'{argumentName}' must be fail, pad or resize (got '{InputEcho.Truncate(value)}')."),
        };

    public static DiffImageKind ParseDiffImage(string? value, string argumentName = "diff_image") =>
        (value ?? "overlay").Trim().ToLowerInvariant() switch
        {
            "overlay" => DiffImageKind.Overlay,
            "mask" => DiffImageKind.Mask,
            "none" => DiffImageKind.None,
            _ => throw new UserInputException($"'{argumentName}' must be overlay, mask or none (got '{InputEcho.Truncate(value)}')."),
        };

    /// <summary>Parses <c>x,y,w,h</c>.</summary>
    public static PixelRect ParseRect(string text, string argumentName = "--ignore")
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out _)))
            throw new UserInputException($"'{argumentName}' takes x,y,width,height in pixels (got '{InputEcho.Truncate(text)}').");
        var v = parts.Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new PixelRect(v[0], v[1], v[2], v[3]);
    }
}
