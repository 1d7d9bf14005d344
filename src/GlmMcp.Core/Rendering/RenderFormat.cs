using System.Text.Json.Serialization;

namespace GlmMcp.Core.Rendering;

/// <summary>Image encoding of a screenshot.</summary>
/// <remarks>In JSON (tool arguments and results) the members are their lowercase names.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<RenderFormat>))]
public enum RenderFormat
{
    [JsonStringEnumMemberName("png")]
    Png,
    [JsonStringEnumMemberName("jpeg")]
    Jpeg,
}
