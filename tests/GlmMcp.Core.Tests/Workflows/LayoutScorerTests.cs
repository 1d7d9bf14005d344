using GlmMcp.Core.Imaging;
using GlmMcp.Core.Tests.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class LayoutScorerTests
{
    private static readonly RgbaImage Target =
        TestImages.WithBlock(TestImages.WithBlock(TestImages.White(640, 400), new PixelRect(40, 40, 560, 60), 30, 60, 200), new PixelRect(40, 160, 200, 200), 220, 40, 40);

    private static LayoutScore Score(RgbaImage render) => LayoutScorer.Score(Target, render);

    [Fact]
    public void An_identical_render_scores_100()
    {
        Assert.Equal(100, Score(Target.Clone()).Total);
    }

    [Fact]
    public void A_wrong_colour_scores_lower_than_right_and_a_moved_block_lower_still_on_position()
    {
        var recoloured = TestImages.WithBlock(TestImages.WithBlock(TestImages.White(640, 400), new PixelRect(40, 40, 560, 60), 30, 60, 200), new PixelRect(40, 160, 200, 200), 40, 180, 60);
        var moved = TestImages.WithBlock(TestImages.WithBlock(TestImages.White(640, 400), new PixelRect(40, 40, 560, 60), 30, 60, 200), new PixelRect(400, 160, 200, 200), 220, 40, 40);

        var colour = Score(recoloured);
        var position = Score(moved);

        Assert.InRange(colour.Total, 50, 99);
        Assert.True(colour.Color < 0.9, $"{colour}");
        Assert.Equal(1, colour.Block);
        Assert.True(position.Block < 1, $"{position}");
        Assert.InRange(position.Total, 30, 95);
    }

    [Fact]
    public void A_blank_render_of_a_busy_target_scores_low()
    {
        Assert.True(Score(TestImages.White(640, 400)).Total < 50);
    }
}
