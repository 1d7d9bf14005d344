namespace GlmMcp.Core.Documents;

/// <summary>A page of a PDF or a frame of a video, drawn for the model.</summary>
/// <param name="Data">The encoded image.</param>
/// <param name="MediaType"><c>image/jpeg</c> or <c>image/png</c>.</param>
/// <param name="Page">The 1-based page number, for a PDF page.</param>
/// <param name="Seconds">The time in the video, for a frame.</param>
public sealed record MediaImage(byte[] Data, string MediaType, int Width, int Height, int Tokens, int? Page = null, double? Seconds = null)
{
    /// <summary>How the model and the answer name it: "page 3" or "01:05".</summary>
    public string Label => Page is { } page ? $"page {page}" : Timestamp.Format(Seconds ?? 0);
}
