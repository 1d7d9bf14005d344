using GlmMcp.Core.Settings;

namespace GlmMcp.Core.Imaging;

/// <summary>Limits for every image the server decodes. Section <c>Imaging</c>; env <c>GLM_MCP_Imaging__MaxMegapixels</c>…</summary>
public sealed class ImagingOptions
{
    public const string Section = "Imaging";

    /// <summary>The most any setting may allow: 4 bytes per pixel must stay addressable with 32-bit offsets.</summary>
    public const double MaxMegapixelsCeiling = 500;

    /// <summary>Largest decoded image in megapixels (millions of pixels); checked from the header before decoding.</summary>
    [SettingRange(0d, MaxMegapixelsCeiling, MinimumIsExclusive = true,
        ErrorMessage = "Imaging:MaxMegapixels must be greater than 0 and at most {2} (got {0}).")]
    public double MaxMegapixels { get; set; } = 40;

    /// <summary>Longest allowed side in pixels; checked from the header before decoding.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Imaging:MaxSide must be greater than 0 (got {0}).")]
    public int MaxSide { get; set; } = 16384;

    /// <summary>
    /// Longest side, in pixels, of an image a tool returns to the client (renders, diff pictures); larger ones are
    /// shrunk to fit, while files written and everything measured keep the full resolution. 0 returns full resolution.
    /// A tool's <c>max_image_side</c> argument overrides it per call. 1568 is what common model clients shrink to anyway.
    /// </summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = "Imaging:MaxReturnedImageSide must be 0 (full resolution) or more (got {0}).")]
    public int MaxReturnedImageSide { get; set; } = DefaultMaxReturnedImageSide;

    public const int DefaultMaxReturnedImageSide = 1568;

    /// <summary>Largest encoded image (file, download, base64) in bytes.</summary>
    [SettingRange(1d, long.MaxValue, ErrorMessage = "Imaging:MaxInputBytes must be greater than 0 (got {0}).")]
    public long MaxInputBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long an image download may take in all (redirects, headers and body), in seconds.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Imaging:DownloadTimeoutSeconds must be greater than 0 (got {0}).")]
    public int DownloadTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The slowest a download may be, in bytes per second, measured over each <see cref="DownloadRateWindowSeconds"/>:
    /// a server that sends less than this for that long is given up on before the timeout.
    /// </summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = "Imaging:MinDownloadBytesPerSecond must be 0 (no minimum) or more (got {0}).")]
    public int MinDownloadBytesPerSecond { get; set; } = 10 * 1024;

    /// <summary>The span, in seconds, over which <see cref="MinDownloadBytesPerSecond"/> must be reached.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Imaging:DownloadRateWindowSeconds must be greater than 0 (got {0}).")]
    public int DownloadRateWindowSeconds { get; set; } = 5;
}
