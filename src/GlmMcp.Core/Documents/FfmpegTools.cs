namespace GlmMcp.Core.Documents;

/// <summary>The ffmpeg that extracts frames and the ffprobe beside it that reads a video's length and size.</summary>
public sealed record FfmpegTools(string Ffmpeg, string Ffprobe);
