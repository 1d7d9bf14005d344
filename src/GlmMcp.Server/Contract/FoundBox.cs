namespace GlmMcp.Server.Contract;

/// <summary>A box <c>describe_image</c> found (locate mode), in pixels, with the values the model gave (0–999 of each side).</summary>
public sealed record FoundBox(int X, int Y, int Width, int Height, bool IsPoint, IReadOnlyList<double> Normalized);
