namespace GlmMcp.Server.Contract;

/// <summary>The image <c>describe_image</c> looked at: its size in pixels and what it cost the model in tokens.</summary>
public sealed record DescribedImage(int Width, int Height, int Tokens);
