using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class RegionTests
{
    private static readonly VisualDiffOptions CountOnly = new() { DiffImage = DiffImageKind.None };

    [Fact]
    public void Two_separate_changed_blocks_become_two_boxes_with_exact_coordinates_largest_first()
    {
        var before = TestImages.White(200, 100);
        var after = TestImages.WithBlock(before, new PixelRect(10, 20, 5, 4), 0, 0, 0);
        after = TestImages.WithBlock(after, new PixelRect(120, 50, 30, 10), 200, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly);

        Assert.Equal(2, result.RegionCount);
        Assert.Equal([new DiffRegion(120, 50, 30, 10, 300), new DiffRegion(10, 20, 5, 4, 20)], result.Regions);
        Assert.Equal(320, result.DiffPixels);
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(7, 2)]
    public void Blocks_separated_by_at_most_merge_distance_pixels_become_one_region(int mergeDistance, int expectedRegions)
    {
        var before = TestImages.White(100, 60);
        // 8 unchanged columns (18..25) separate the blocks.
        var after = TestImages.WithBlock(before, new PixelRect(10, 10, 8, 8), 0, 0, 0);
        after = TestImages.WithBlock(after, new PixelRect(26, 12, 6, 6), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { MergeDistance = mergeDistance });

        Assert.Equal(expectedRegions, result.RegionCount);
        if (expectedRegions == 1)
            Assert.Equal(new DiffRegion(10, 10, 22, 8, 100), result.Regions[0]);
    }

    [Fact]
    public void Blocks_one_above_the_other_merge_across_the_vertical_gap()
    {
        var before = TestImages.White(60, 60);
        var after = TestImages.WithBlock(before, new PixelRect(5, 5, 10, 3), 0, 0, 0);
        after = TestImages.WithBlock(after, new PixelRect(20, 12, 4, 4), 0, 0, 0);

        var merged = TestImages.Differ().Diff(before, after, CountOnly with { MergeDistance = 5 });
        var apart = TestImages.Differ().Diff(before, after, CountOnly with { MergeDistance = 3 });

        Assert.Equal(new DiffRegion(5, 5, 19, 11, 46), Assert.Single(merged.Regions));
        Assert.Equal(2, apart.RegionCount);
    }

    [Fact]
    public void Only_the_largest_regions_are_listed_but_all_are_counted()
    {
        var before = TestImages.White(400, 40);
        var after = before.Clone();
        for (var i = 0; i < 60; i++)
            after = TestImages.WithBlock(after, new PixelRect(i * 6, 5, 1, 1 + i % 3), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { MergeDistance = 0 });

        Assert.Equal(60, result.RegionCount);
        Assert.Equal(VisualDiffOptions.DefaultMaxRegions, result.Regions.Count);
        Assert.True(result.Regions.Zip(result.Regions.Skip(1)).All(p => p.First.Pixels >= p.Second.Pixels));
        Assert.Equal(3, result.Regions[0].Pixels);
    }

    [Fact]
    public void Ignored_regions_are_left_out_of_counts_and_regions()
    {
        var before = TestImages.White(100, 100);
        var after = TestImages.WithBlock(before, new PixelRect(10, 10, 10, 10), 0, 0, 0);
        after = TestImages.WithBlock(after, new PixelRect(60, 60, 5, 5), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { IgnoreRegions = [new PixelRect(5, 5, 20, 20)] });

        Assert.Equal(25, result.DiffPixels);
        Assert.Equal(new DiffRegion(60, 60, 5, 5, 25), Assert.Single(result.Regions));
    }

    [Fact]
    public void An_ignored_region_covering_part_of_a_block_cuts_it()
    {
        var before = TestImages.White(50, 20);
        var after = TestImages.WithBlock(before, new PixelRect(0, 0, 50, 2), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, CountOnly with { IgnoreRegions = [new PixelRect(-5, -5, 30, 30)] });

        Assert.Equal(50, result.DiffPixels);
        Assert.Equal(new DiffRegion(25, 0, 25, 2, 50), Assert.Single(result.Regions));
    }
}
