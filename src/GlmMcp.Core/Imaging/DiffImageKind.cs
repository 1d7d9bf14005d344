using System.Text.Json.Serialization;

namespace GlmMcp.Core.Imaging;

/// <summary>Which picture of the differences <see cref="VisualDiffer"/> draws.</summary>
/// <remarks>In JSON (tool arguments and results) the members are their lowercase names.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<DiffImageKind>))]
public enum DiffImageKind
{
    /// <summary>The before image faded to light grey, changed pixels red, anti-aliasing yellow, regions boxed in blue.</summary>
    [JsonStringEnumMemberName("overlay")]
    Overlay,

    /// <summary>Changed pixels red on a transparent background.</summary>
    [JsonStringEnumMemberName("mask")]
    Mask,

    /// <summary>No picture.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
