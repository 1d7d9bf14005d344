namespace GlmMcp.Core.Documents;

/// <summary>What takes frames from videos (<c>Documents:FrameSource</c>), and which one took a sample's frames.</summary>
public enum FrameSource
{
    /// <summary>ffmpeg when one is found (<c>Documents:FfmpegPath</c>, else <c>ffmpeg</c> on PATH), else Chromium.</summary>
    Auto,

    /// <summary>Chromium's <c>&lt;video&gt;</c> element, even when ffmpeg is installed.</summary>
    Chromium,

    /// <summary>ffmpeg (with ffprobe beside it); an error when it is missing.</summary>
    Ffmpeg,
}
