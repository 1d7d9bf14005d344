namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// How closely a render matches its target, 0–100, its four parts (each 0–1) and the visible differences found; see
/// <see cref="LayoutScorer"/>. Any visible difference keeps <see cref="Total"/> below
/// <see cref="LayoutScorer.CleanFloor"/> (95, the default target).
/// </summary>
/// <param name="Pixel">Share of pixels that match once anti-aliasing and sub-pixel shifts are forgiven.</param>
/// <param name="Block">Area of the target's and the render's blocks that found a partner (Design2Code's Block-Match).</param>
/// <param name="Position">How close matched blocks' centres are (Design2Code's Position).</param>
/// <param name="Color">How close matched blocks' colours are, by CIEDE2000.</param>
/// <param name="Differences">The visible differences, most differing pixels first.</param>
public sealed record LayoutScore(double Total, double Pixel, double Block, double Position, double Color, IReadOnlyList<LayoutDifference> Differences);
