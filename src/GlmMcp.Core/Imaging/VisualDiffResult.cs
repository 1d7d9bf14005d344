using System.Text.Json.Serialization;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// The outcome of a comparison. Serialised (camelCase, see <see cref="ImagingJsonContext"/>) it is the JSON the
/// MCP tool and the CLI print; the picture and the timings stay out of the JSON.
/// </summary>
public sealed record VisualDiffResult(
    int Width,
    int Height,
    long DiffPixels,
    long AaPixels,
    double DiffPercent,
    bool Identical,
    IReadOnlyList<DiffRegion> Regions,
    int RegionCount,
    double ElapsedMs)
{
    /// <summary>
    /// The full-size diff picture as PNG, or null when <see cref="DiffImageKind.None"/> was asked for, or when
    /// <see cref="VisualDiffOptions.FullSizePng"/> was false and the picture was drawn down (<see cref="ReturnedDiff"/>).
    /// </summary>
    [JsonIgnore]
    public byte[]? DiffPng { get; init; }

    /// <summary>
    /// The picture drawn down to <see cref="VisualDiffOptions.ReturnedImageSide"/> (a changed pixel is never averaged
    /// away), or null when none was asked for or the picture already fits.
    /// </summary>
    [JsonIgnore]
    public FittedImage? ReturnedDiff { get; init; }

    [JsonIgnore]
    public VisualDiffTimings? Timings { get; init; }

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, ImagingJsonContext.Default.VisualDiffResult);
}
