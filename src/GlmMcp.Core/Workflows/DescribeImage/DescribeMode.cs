namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>What <c>describe_image</c> asks of the model.</summary>
public enum DescribeMode
{
    /// <summary>Answer the prompt about the image (default: a thorough description).</summary>
    Describe,

    /// <summary>Transcribe every visible text in reading order.</summary>
    Ocr,

    /// <summary>Find what the prompt describes and return its boxes in pixels, drawn on the image.</summary>
    Locate,
}
