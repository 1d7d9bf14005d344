using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>A mark found in an annotated screenshot: the area it points at, its shape, the ink's own bounds and size.</summary>
public sealed record AnnotationMark(PixelRect Region, MarkShape Shape, PixelRect Ink, long InkPixels);
