using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>An element under the region: its box, its overlap with the region (IoU), whether it holds the whole region, and its place in the paint stack at the region's centre (0 = topmost; −1 = not under the centre).</summary>
public sealed record HitCandidate(SourceElement Element, PixelRect Box, double Iou, bool Encloses, int StackIndex);
