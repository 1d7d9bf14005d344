using GlmMcp.Core.Settings;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Limits for PDFs and videos given to <c>describe_image</c>. Section <c>Documents</c>; env
/// <c>GLM_MCP_Documents__MaxPages</c>… The input's size in bytes is <c>Imaging:MaxInputBytes</c>, as for images.
/// </summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The most pages one call may send: 100 pages at the smallest readable size still fit GLM-4.6V's context.</summary>
    public const int MaxPagesCeiling = 100;

    /// <summary>The most frames one call may send (GLM-4.6V's processors sample at most this many too).</summary>
    public const int MaxFramesCeiling = 128;

    /// <summary>Pages one call may send at most.</summary>
    [SettingRange(1, MaxPagesCeiling, ErrorMessage = "Documents:MaxPages must be between {1} and {2} (got {0}).")]
    public int MaxPages { get; set; } = MaxPagesCeiling;

    /// <summary>Video frames one call may send at most.</summary>
    [SettingRange(1, MaxFramesCeiling, ErrorMessage = "Documents:MaxFrames must be between {1} and {2} (got {0}).")]
    public int MaxFrames { get; set; } = MaxFramesCeiling;

    /// <summary>Longest side of a rasterised page in pixels, before the token budget shrinks pages of long documents.</summary>
    [SettingRange(112, 4096, ErrorMessage = "Documents:PageSide must be between {1} and {2} pixels (got {0}).")]
    public int PageSide { get; set; } = 1280;

    /// <summary>Longest side of a video frame in pixels, before the token budget shrinks frames of long samples.</summary>
    [SettingRange(112, 4096, ErrorMessage = "Documents:FrameSide must be between {1} and {2} pixels (got {0}).")]
    public int FrameSide { get; set; } = 896;

    /// <summary>
    /// The fewest tokens a page or frame may cost: below it text is unreadable, so a request that would need smaller
    /// images is refused instead (select fewer pages or frames). 256 tokens is about 450 × 450 pixels.
    /// </summary>
    [SettingRange(16, 7500, ErrorMessage = "Documents:MinTokensPerImage must be between {1} and {2} (got {0}).")]
    public int MinTokensPerImage { get; set; } = 256;

    /// <summary>How long opening and rasterising a PDF, or sampling a video, may take in all, in seconds.</summary>
    [SettingRange(1, 3600, ErrorMessage = "Documents:TimeoutSeconds must be between {1} and {2} (got {0}).")]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// What takes video frames: <see cref="Documents.FrameSource.Auto"/> (ffmpeg when found, else Chromium's
    /// <c>&lt;video&gt;</c>), <see cref="Documents.FrameSource.Chromium"/> or <see cref="Documents.FrameSource.Ffmpeg"/>.
    /// </summary>
    public FrameSource FrameSource { get; set; } = FrameSource.Auto;

    /// <summary>
    /// The ffmpeg executable (ffprobe is taken from the same folder); unset, <c>ffmpeg</c> is looked for on PATH. A path
    /// set here that is not an executable is an error, not a quiet fall back to Chromium.
    /// </summary>
    public string? FfmpegPath { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
