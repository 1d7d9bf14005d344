using System.Text.Json.Serialization;

namespace GlmMcp.Core.Imaging;

/// <summary>What <see cref="VisualDiffer"/> does when the two images differ in size.</summary>
/// <remarks>In JSON (tool arguments and results) the members are their lowercase names.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SizeMismatchMode>))]
public enum SizeMismatchMode
{
    /// <summary>Refuse, naming both sizes.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Compare over the union of both sizes; pixels only one image (or neither) covers count as changed.</summary>
    [JsonStringEnumMemberName("pad")]
    Pad,

    /// <summary>Scale <c>after</c> to <c>before</c>'s size first.</summary>
    [JsonStringEnumMemberName("resize")]
    Resize,
}
