namespace GlmMcp.Server.Contract;

/// <summary><c>describe_image</c>'s structured result: the answer, the engine, the image's size and token cost, and (locate) the boxes and the size of the image returned with them drawn.</summary>
public sealed record DescribeImageToolResult(
    string Answer,
    string Mode,
    string Engine,
    DescribedImage Image,
    IReadOnlyList<FoundBox> Boxes,
    IReadOnlyList<string> RejectedBoxes,
    long? OutputTokens,
    ReturnedImage? AnnotatedImage);
