namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>What <c>describe_image</c> returns.</summary>
/// <param name="Answer">The model's answer, thinking and format markers removed.</param>
/// <param name="ImageTokens">What the image costs the model in tokens (GLM grid).</param>
/// <param name="Engine">The engine that answered, in one line.</param>
/// <param name="Boxes">Locate mode: the boxes found, in pixels.</param>
/// <param name="AnnotatedPng">Locate mode: the image with the boxes drawn, when any were found.</param>
/// <param name="OutputTokens">Tokens the answer took, when the engine reports it.</param>
/// <param name="RejectedBoxes">Locate mode: why tuples in the answer were not taken as boxes (out of range, no area).</param>
public sealed record DescribeImageResult(string Answer, DescribeMode Mode, int Width, int Height, int ImageTokens, string Engine,
    IReadOnlyList<LocatedBox> Boxes, byte[]? AnnotatedPng, long? OutputTokens, IReadOnlyList<string> RejectedBoxes);
