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
    public void An_identical_render_scores_100_with_no_differences()
    {
        var score = Score(Target.Clone());
        Assert.Equal(100, score.Total);
        Assert.Empty(score.Differences);
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

    [Fact]
    public void One_small_recoloured_box_keeps_the_score_below_the_default_target_and_is_named_as_a_colour_difference_with_its_box()
    {
        var render = TestImages.WithBlock(Target, new PixelRect(300, 300, 16, 16), 255, 0, 0);
        var withBox = TestImages.WithBlock(Target, new PixelRect(300, 300, 16, 16), 30, 60, 200);
        var target = LayoutScorer.Prepare(withBox);

        var score = LayoutScorer.Score(target, render);

        Assert.True(score.Total < ScreenshotToCodeRequest.DefaultTargetScore, $"{score.Total}");
        var difference = Assert.Single(score.Differences);
        Assert.Equal(DifferenceKind.Color, difference.Kind);
        Assert.InRange(difference.X, 290, 300);
        Assert.InRange(difference.Y, 290, 300);
        Assert.Contains("#1e3cc8", difference.Detail, StringComparison.Ordinal);
        Assert.Contains("#ff0000", difference.Detail, StringComparison.Ordinal);
    }

    /// <summary>Dark strokes on white, like a line of text: 12 strokes 30 px tall and <paramref name="stroke"/> px wide, 10 px apart, the first at x = 40 + <paramref name="offset"/>.</summary>
    private static RgbaImage Strokes(int stroke, int offset = 0)
    {
        var image = TestImages.White(320, 120);
        for (var i = 0; i < 12; i++)
            image = TestImages.WithBlock(image, new PixelRect(40 + offset + i * 10, 40, stroke, 30), 20, 20, 30);
        return image;
    }

    [Fact]
    public void Strokes_one_pixel_bolder_stay_within_the_per_pixel_allowance_but_the_ink_test_keeps_them_below_the_default_target()
    {
        var score = LayoutScorer.Score(Strokes(2), Strokes(3));

        Assert.True(score.Total < LayoutScorer.CleanFloor, $"{score}");
        Assert.NotEmpty(score.Differences);
        Assert.All(score.Differences, d => Assert.InRange(d.X, 24, 170));
    }

    [Fact]
    public void Strokes_moved_one_pixel_keep_their_ink_and_a_box_edge_snapped_one_pixel_is_forgiven()
    {
        var moved = LayoutScorer.Score(Strokes(2), Strokes(2, offset: 1));
        // Two boxes 10 px apart: no shift of a window across the gap matches both, only the one edge differs.
        var left = TestImages.WithBlock(TestImages.White(320, 200), new PixelRect(20, 20, 30, 160), 40, 90, 220);
        var box = TestImages.WithBlock(left, new PixelRect(60, 20, 200, 160), 30, 160, 90);
        var narrower = TestImages.WithBlock(left, new PixelRect(61, 20, 199, 160), 30, 160, 90);

        var snapped = LayoutScorer.Score(box, narrower);

        Assert.True(moved.Total >= LayoutScorer.CleanFloor, $"{moved}");
        Assert.Empty(moved.Differences);
        Assert.True(snapped.Total >= LayoutScorer.CleanFloor, $"{snapped}");
        Assert.Empty(snapped.Differences);
    }

    [Fact]
    public void A_render_of_another_size_is_refused_with_a_message_that_says_to_scale_it()
    {
        var e = Assert.Throws<ArgumentException>(() => LayoutScorer.Score(Target, TestImages.White(320, 200)));
        Assert.Contains("scale the render", e.Message, StringComparison.Ordinal);
    }
}
