using GlmMcp.Core;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class SizeMismatchTests
{
    private static readonly VisualDiffOptions CountOnly = new() { DiffImage = DiffImageKind.None };

    [Fact]
    public void Different_sizes_fail_by_default_with_both_sizes_in_the_message()
    {
        var error = Assert.Throws<UserInputException>(() =>
            TestImages.Differ().Diff(TestImages.White(30, 20), TestImages.White(32, 21), CountOnly));

        Assert.Contains("30×20", error.Message);
        Assert.Contains("32×21", error.Message);
        Assert.Contains("size_mismatch", error.Message);
    }

    [Fact]
    public void Pad_compares_over_the_union_and_counts_the_extra_area_as_changed()
    {
        var before = TestImages.White(30, 20);
        var after = TestImages.WithBlock(TestImages.White(40, 25), new PixelRect(2, 2, 3, 3), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { SizeMismatch = SizeMismatchMode.Pad });

        Assert.Equal((40, 25), (result.Width, result.Height));
        Assert.Equal(40 * 25 - 30 * 20 + 9, result.DiffPixels);
    }

    [Fact]
    public void Pad_counts_the_corner_neither_image_covers()
    {
        var before = TestImages.White(10, 20);
        var after = TestImages.White(20, 10);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { SizeMismatch = SizeMismatchMode.Pad, MergeDistance = 0 });

        Assert.Equal(20 * 20 - 10 * 10, result.DiffPixels);
        // An L of everything outside the shared 10×10 corner.
        Assert.Equal(new DiffRegion(0, 0, 20, 20, 300), Assert.Single(result.Regions));
    }

    [Fact]
    public void Resize_scales_after_to_before_and_then_compares()
    {
        var before = TestImages.WithBlock(TestImages.White(40, 40), new PixelRect(0, 0, 20, 40), 0, 0, 0);
        var after = TestImages.WithBlock(TestImages.White(80, 80), new PixelRect(0, 0, 40, 80), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { SizeMismatch = SizeMismatchMode.Resize });

        Assert.Equal((40, 40), (result.Width, result.Height));
        // Only the resampled edge column may differ.
        Assert.True(result.DiffPixels + result.AaPixels <= 2 * 40, $"{result.DiffPixels} + {result.AaPixels}");
        var changedHalf = TestImages.WithBlock(TestImages.White(80, 80), new PixelRect(40, 0, 40, 80), 0, 0, 0);
        Assert.True(TestImages.Differ().Diff(before, changedHalf, CountOnly with { SizeMismatch = SizeMismatchMode.Resize }).DiffPixels > 1000);
    }
}
