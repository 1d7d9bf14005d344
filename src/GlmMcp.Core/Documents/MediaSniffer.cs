namespace GlmMcp.Core.Documents;

/// <summary>Tells PDFs and videos (WebM/Matroska, MP4/QuickTime) from images by their magic numbers.</summary>
public static class MediaSniffer
{
    /// <summary>PDF readers look for <c>%PDF-</c> within the first kilobyte; so does this.</summary>
    private const int PdfHeaderWindow = 1024;

    public static MediaKind Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes[..Math.Min(bytes.Length, PdfHeaderWindow)].IndexOf("%PDF-"u8) >= 0)
            return MediaKind.Pdf;
        return VideoType(bytes) is null ? MediaKind.Image : MediaKind.Video;
    }

    /// <summary><c>video/webm</c> or <c>video/mp4</c> for a video, null otherwise.</summary>
    public static string? VideoType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return "video/webm";
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
            return "video/mp4";
        return null;
    }
}
