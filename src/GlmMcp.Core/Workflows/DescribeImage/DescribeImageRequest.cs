namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>One <c>describe_image</c> call.</summary>
/// <param name="Image">A file path, an http(s) URL, a data: URI or raw base64.</param>
/// <param name="Prompt">The question (describe), extra instructions (ocr), or what to find (locate).</param>
/// <param name="MaxTokens">The answer budget; null uses the engine's default.</param>
/// <param name="Thinking">Whether the model thinks first; null uses the engine's default.</param>
public sealed record DescribeImageRequest(string Image, string? Prompt = null, DescribeMode Mode = DescribeMode.Describe,
    int? MaxTokens = null, bool? Thinking = null);
