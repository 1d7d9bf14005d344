using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>A target image with its blocks found (<see cref="LayoutScorer.Prepare"/>), so each round scores only its render.</summary>
public sealed class LayoutTarget
{
    internal LayoutTarget(RgbaImage image, List<LayoutBlock> blocks, ushort[] blur)
    {
        Image = image;
        Blocks = blocks;
        Blur = blur;
    }

    public RgbaImage Image { get; }

    internal List<LayoutBlock> Blocks { get; }

    /// <summary>Each pixel's 3×3 sums of R, G and B.</summary>
    internal ushort[] Blur { get; }
}
