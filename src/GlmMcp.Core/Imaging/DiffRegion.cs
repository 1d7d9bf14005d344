namespace GlmMcp.Core.Imaging;

/// <summary>A group of changed pixels: its bounding box and how many changed pixels it holds.</summary>
public sealed record DiffRegion(int X, int Y, int Width, int Height, long Pixels);
