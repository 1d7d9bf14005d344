namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>One <c>describe_image</c> call.</summary>
/// <param name="Image">A file path, an http(s) URL, a data: URI or raw base64: an image, a PDF or a video (WebM, MP4).</param>
/// <param name="Prompt">The question (describe), extra instructions (ocr), or what to find (locate).</param>
/// <param name="MaxTokens">The answer budget; null uses the engine's default.</param>
/// <param name="Thinking">Whether the model thinks first; null uses the engine's default.</param>
/// <param name="Pages">PDF: the pages to read, e.g. "1-5,9"; null reads every page.</param>
/// <param name="Fps">Video: frames per second to take.</param>
/// <param name="MaxFrames">Video: the most frames to take, spread evenly.</param>
/// <param name="Start">Video: where sampling starts, in seconds.</param>
/// <param name="End">Video: where sampling ends, in seconds.</param>
public sealed record DescribeImageRequest(string Image, string? Prompt = null, DescribeMode Mode = DescribeMode.Describe,
    int? MaxTokens = null, bool? Thinking = null, string? Pages = null, double? Fps = null, int? MaxFrames = null,
    double? Start = null, double? End = null);
