using GlmMcp.Core.Documents;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>A page or frame <c>describe_image</c> sent, and (ocr, locate: one request each) what the model said of it.</summary>
/// <param name="Image">The page or frame as sent.</param>
/// <param name="Answer">Ocr and locate: the answer for this part alone; null in describe mode (one answer for all).</param>
/// <param name="Boxes">Locate: the boxes found, in pixels of <paramref name="Image"/>.</param>
/// <param name="RejectedBoxes">Locate: why tuples were not taken as boxes.</param>
/// <param name="AnnotatedPng">Locate: the part with its boxes drawn, when any were found.</param>
public sealed record DescribedPart(MediaImage Image, string? Answer, IReadOnlyList<LocatedBox> Boxes, IReadOnlyList<string> RejectedBoxes,
    byte[]? AnnotatedPng);
