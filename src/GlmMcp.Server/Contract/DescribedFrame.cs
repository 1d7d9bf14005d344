namespace GlmMcp.Server.Contract;

/// <summary>A video frame <c>describe_image</c> sent: its time (seconds, and as mm:ss), its size and token cost, and (ocr, locate) what the model found in it.</summary>
public sealed record DescribedFrame(double Seconds, string Time, int Width, int Height, int Tokens, string? Text, IReadOnlyList<FoundBox> Boxes,
    IReadOnlyList<string> RejectedBoxes, ReturnedImage? AnnotatedImage);
