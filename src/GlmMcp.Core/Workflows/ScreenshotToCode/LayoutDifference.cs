namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// One place where the render visibly differs from the target: its box in target pixels, how many pixels differ
/// beyond what anti-aliasing and sub-pixel shifts explain, what kind of difference it looks like, and a short
/// description for the model (colours as hex, offsets and sizes in pixels).
/// </summary>
public sealed record LayoutDifference(DifferenceKind Kind, int X, int Y, int Width, int Height, long Pixels, string Detail);
