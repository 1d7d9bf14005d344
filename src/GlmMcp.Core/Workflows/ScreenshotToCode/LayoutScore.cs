namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// How closely a render matches its target, 0–100, and its four parts (each 0–1); see <see cref="LayoutScorer"/>.
/// </summary>
/// <param name="Pixel">Share of pixels the pixel diff finds equal.</param>
/// <param name="Block">Area of the target's and the render's blocks that found a partner (Design2Code's Block-Match).</param>
/// <param name="Position">How close matched blocks' centres are (Design2Code's Position).</param>
/// <param name="Color">How close matched blocks' colours are, by CIE76 ΔE (Design2Code uses CIEDE2000 on text colour).</param>
public sealed record LayoutScore(double Total, double Pixel, double Block, double Position, double Color);
