namespace GlmMcp.Inference.Models;

/// <summary>How far the download of one file is.</summary>
/// <param name="File">The file being downloaded (its catalog path).</param>
/// <param name="Received">Bytes of the file on disk, resumed bytes included.</param>
/// <param name="Total">The file's size, once known.</param>
public readonly record struct DownloadProgress(string File, long Received, long? Total)
{
    /// <summary>0..1 when the total is known.</summary>
    public double? Fraction => Total is > 0 ? Math.Clamp((double)Received / Total.Value, 0, 1) : null;
}
