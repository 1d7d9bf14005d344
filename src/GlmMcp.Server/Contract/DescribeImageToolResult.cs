namespace GlmMcp.Server.Contract;

/// <summary>
/// <c>describe_image</c>'s structured result: the answer, the engine, what was read (<c>input</c>: image, pdf or video)
/// — an image's size and token cost, a PDF's pages or a video's frames — the estimated cost, and (locate) the boxes and
/// the size of the image returned with them drawn; for a video, what took its frames (<c>frameSource</c>: ffmpeg or
/// chromium).
/// </summary>
public sealed record DescribeImageToolResult(
    string Answer,
    string Mode,
    string Engine,
    string Input,
    DescribedImage? Image,
    IReadOnlyList<FoundBox> Boxes,
    IReadOnlyList<string> RejectedBoxes,
    long? OutputTokens,
    ReturnedImage? AnnotatedImage,
    TokenCost Cost,
    int? PageCount = null,
    IReadOnlyList<DescribedPage>? Pages = null,
    double? DurationSeconds = null,
    IReadOnlyList<DescribedFrame>? Frames = null,
    string? FrameSource = null);
