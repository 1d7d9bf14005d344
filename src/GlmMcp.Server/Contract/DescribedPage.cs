namespace GlmMcp.Server.Contract;

/// <summary>A PDF page <c>describe_image</c> sent: its number, its size as drawn and token cost, and (ocr, locate) what the model found on it.</summary>
public sealed record DescribedPage(int Page, int Width, int Height, int Tokens, string? Text, IReadOnlyList<FoundBox> Boxes,
    IReadOnlyList<string> RejectedBoxes, ReturnedImage? AnnotatedImage);
