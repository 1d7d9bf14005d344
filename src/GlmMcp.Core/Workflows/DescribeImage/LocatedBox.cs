using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>A box (or point) the model found, in pixels of the original image, with the model's 0–999 values.</summary>
public sealed record LocatedBox(PixelRect Box, bool IsPoint, IReadOnlyList<double> Normalized);
