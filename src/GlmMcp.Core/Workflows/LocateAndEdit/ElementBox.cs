using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>Where a tagged element landed in the render, in image pixels, and whether it is painted at all.</summary>
public sealed record ElementBox(string Span, PixelRect Box, bool Visible);
