using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>A target image with its blocks found (<see cref="LayoutScorer.Prepare"/>), so each round scores only its render.</summary>
public sealed class LayoutTarget
{
    internal LayoutTarget(RgbaImage image, List<LayoutBlock> blocks, ushort[] blur, int[] cellLuma)
    {
        Image = image;
        Blocks = blocks;
        Blur = blur;
        CellLuma = cellLuma;
    }

    public RgbaImage Image { get; }

    internal List<LayoutBlock> Blocks { get; }

    /// <summary>Each pixel's 3×3 sums of R, G and B.</summary>
    internal ushort[] Blur { get; }

    /// <summary>Each 8×8 cell's luma sum, row by row: the ink <see cref="LayoutScorer"/> compares renders with.</summary>
    internal int[] CellLuma { get; }
}
