using System.Text.Json.Serialization;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>What <c>describe_image</c> asks of the model.</summary>
/// <remarks>In JSON (tool arguments and results) the members are their lowercase names.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<DescribeMode>))]
public enum DescribeMode
{
    /// <summary>Answer the prompt about the image (default: a thorough description).</summary>
    [JsonStringEnumMemberName("describe")]
    Describe,

    /// <summary>Transcribe every visible text in reading order.</summary>
    [JsonStringEnumMemberName("ocr")]
    Ocr,

    /// <summary>Find what the prompt describes and return its boxes in pixels, drawn on the image.</summary>
    [JsonStringEnumMemberName("locate")]
    Locate,
}
