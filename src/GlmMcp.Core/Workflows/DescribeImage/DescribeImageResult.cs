using GlmMcp.Core.Documents;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>What <c>describe_image</c> returns.</summary>
/// <param name="Answer">The model's answer, thinking and format markers removed (ocr and locate of a PDF or video: the
/// answers of every part under a heading naming it).</param>
/// <param name="Width">An image's width; 0 for a PDF or video (see <see cref="Parts"/>).</param>
/// <param name="Height">An image's height; 0 for a PDF or video.</param>
/// <param name="ImageTokens">What the images cost the model in tokens (GLM grid), all requests together.</param>
/// <param name="Engine">The engine that answered, in one line.</param>
/// <param name="Boxes">Locate mode on an image: the boxes found, in pixels.</param>
/// <param name="AnnotatedPng">Locate mode on an image: the image with the boxes drawn, when any were found.</param>
/// <param name="OutputTokens">Tokens the answers took, when the engine reports it.</param>
/// <param name="RejectedBoxes">Locate mode on an image: why tuples in the answer were not taken as boxes.</param>
public sealed record DescribeImageResult(string Answer, DescribeMode Mode, int Width, int Height, int ImageTokens, string Engine,
    IReadOnlyList<LocatedBox> Boxes, byte[]? AnnotatedPng, long? OutputTokens, IReadOnlyList<string> RejectedBoxes)
{
    public MediaKind Kind { get; init; } = MediaKind.Image;

    /// <summary>A PDF's pages or a video's frames, in the order sent; empty for an image.</summary>
    public IReadOnlyList<DescribedPart> Parts { get; init; } = [];

    /// <summary>The cost estimated before anything was sent.</summary>
    public required TokenEstimate Estimate { get; init; }

    /// <summary>A PDF's pages in all (not only those read).</summary>
    public int? PageCount { get; init; }

    /// <summary>A video's length.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>What took a video's frames: ffmpeg or Chromium.</summary>
    public FrameSource? FrameSource { get; init; }
}
