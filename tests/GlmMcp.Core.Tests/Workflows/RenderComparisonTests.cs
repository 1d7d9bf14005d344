using GlmMcp.Core.Imaging;
using GlmMcp.Core.Tests.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class RenderComparisonTests
{
    private static readonly RgbaImage Target =
        TestImages.WithBlock(TestImages.WithBlock(TestImages.White(640, 400), new PixelRect(40, 40, 560, 60), 30, 60, 200), new PixelRect(40, 160, 200, 200), 220, 40, 40);

    public static TheoryData<string> Renders => ["moved", "recoloured", "identical", "half size"];

    private static RgbaImage Render(string kind) => kind switch
    {
        "moved" => TestImages.WithBlock(TestImages.WithBlock(TestImages.White(640, 400), new PixelRect(40, 40, 560, 60), 30, 60, 200), new PixelRect(400, 160, 200, 200), 220, 40, 40),
        "recoloured" => TestImages.WithBlock(Target, new PixelRect(40, 160, 200, 200), 40, 180, 60),
        "identical" => Target.Clone(),
        _ => ImageScaler.Resize(TestImages.WithBlock(Target, new PixelRect(300, 300, 40, 40), 0, 0, 0), 320, 200),
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public async Task Diffing_and_scoring_side_by_side_gives_exactly_what_one_after_the_other_gives(string kind)
    {
        var differ = TestImages.Differ();
        var prepared = LayoutScorer.Prepare(Target);
        var render = Render(kind);

        var together = await RenderComparison.CompareAsync(differ, prepared, render);
        var diff = differ.Diff(Target, render, RenderComparison.DiffOptions);
        var score = LayoutScorer.Score(prepared, render.Width == Target.Width ? render : ImageScaler.Resize(render, Target.Width, Target.Height));

        Assert.Equal(diff.DiffPixels, together.Diff.DiffPixels);
        Assert.Equal(diff.Regions, together.Diff.Regions);
        Assert.Equal(diff.DiffPng, together.Diff.DiffPng);
        Assert.Equal(score.Total, together.Score.Total);
        Assert.Equal(score.Differences, together.Score.Differences);
        Assert.Equal((640, 400), (together.Diff.Width, together.Diff.Height));
        Assert.NotNull(together.Diff.DiffPng);
    }

    [Fact]
    public async Task An_identical_render_scores_100_with_no_changed_pixels_and_a_changed_one_lower()
    {
        var differ = TestImages.Differ();
        var prepared = LayoutScorer.Prepare(Target);

        var same = await RenderComparison.CompareAsync(differ, prepared, Target.Clone());
        var moved = await RenderComparison.CompareAsync(differ, prepared, Render("moved"));

        Assert.Equal(100, same.Score.Total);
        Assert.Equal(0, same.Diff.DiffPixels);
        Assert.True(moved.Score.Total < 95, $"{moved.Score.Total}");
        Assert.True(moved.Diff.DiffPixels > 0);
    }
}
