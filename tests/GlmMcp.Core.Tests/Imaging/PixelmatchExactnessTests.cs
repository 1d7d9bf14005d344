using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Imaging;

/// <summary>
/// Counts must equal pixelmatch 7.2.0's. The expected numbers were printed by bench/anchors/counts.mjs (pixelmatch
/// 7.2.0 with pngjs 7.0.0, checkerboard: false) for the committed fixtures; the text, shapes and layout pairs are
/// Chromium renders of bench/anchors/pages, the alpha and stripes pairs come from bench/anchors/make-synthetic.mjs (the
/// stripes pair puts anti-aliased and changed pixels on the comparer's band and vector-block edges).
/// </summary>
public sealed class PixelmatchExactnessTests
{
    private static readonly VisualDiffOptions CountOnly = new() { DiffImage = DiffImageKind.None };

    [Theory]
    [InlineData("text", 0.1, 2234, 2375)]
    [InlineData("shapes", 0.1, 53, 930)]
    [InlineData("layout", 0.1, 473, 735)]
    [InlineData("alpha", 0.1, 430, 430)]
    [InlineData("text", 0.05, 2287, 2543)]
    [InlineData("shapes", 0.05, 77, 1209)]
    [InlineData("layout", 0.05, 498, 795)]
    [InlineData("alpha", 0.05, 927, 927)]
    [InlineData("text", 0.3, 105, 173)]
    [InlineData("shapes", 0.3, 0, 148)]
    [InlineData("layout", 0.3, 199, 367)]
    [InlineData("stripes", 0.1, 109, 307)]
    [InlineData("stripes", 0.05, 147, 361)]
    [InlineData("stripes", 0.3, 37, 40)]
    public void Fixture_pair_counts_equal_pixelmatch_in_both_antialiasing_modes(string pair, double threshold, long excludingAa, long includingAa)
    {
        var before = TestImages.LoadFixture($"{pair}-before.png");
        var after = TestImages.LoadFixture($"{pair}-after.png");

        var excluded = Diff(before, after, CountOnly with { Threshold = threshold });
        var included = Diff(before, after, CountOnly with { Threshold = threshold, IncludeAntialiasing = true });

        Assert.Equal(excludingAa, excluded.DiffPixels);
        Assert.Equal(includingAa, included.DiffPixels);
        Assert.Equal(included.DiffPixels, excluded.DiffPixels + excluded.AaPixels);
        Assert.Equal(0, included.AaPixels);
    }

    [Fact]
    public void Anti_aliased_edges_of_a_rendered_line_are_reported_apart_and_not_counted()
    {
        var before = TestImages.LoadFixture("shapes-before.png");
        var after = TestImages.LoadFixture("shapes-after.png");

        var result = Diff(before, after, CountOnly);

        // The shapes pair moves lines and a circle by fractions of a pixel: nearly everything is anti-aliasing.
        Assert.Equal(930 - 53, result.AaPixels);
        Assert.True(result.AaPixels > 10 * result.DiffPixels);
    }

    [Fact]
    public void Identical_images_have_no_changed_pixels()
    {
        var image = TestImages.LoadFixture("text-before.png");

        var result = Diff(image, image.Clone(), CountOnly);

        Assert.True(result.Identical);
        Assert.Equal(0, result.DiffPixels);
        Assert.Equal(0, result.AaPixels);
        Assert.Empty(result.Regions);
        Assert.Equal(0, result.RegionCount);
    }

    [Fact]
    public void One_changed_pixel_counts_once_with_a_one_pixel_region_at_its_place()
    {
        var before = TestImages.White(40, 30);
        var after = TestImages.WithBlock(before, new PixelRect(17, 9, 1, 1), 0, 0, 0);

        var result = Diff(before, after, CountOnly);

        Assert.Equal(1, result.DiffPixels);
        Assert.False(result.Identical);
        Assert.Equal(new DiffRegion(17, 9, 1, 1, 1), Assert.Single(result.Regions));
        Assert.Equal(100.0 / (40 * 30), result.DiffPercent, 4);
    }

    [Theory]
    [InlineData(1 - 1e-9, 1)]
    [InlineData(1 + 1e-9, 0)]
    public void A_delta_just_over_the_threshold_counts_and_one_just_under_does_not(double factor, long expected)
    {
        var before = RgbaImage.CreateFilled(9, 9, 100, 120, 140, 255);
        var after = TestImages.WithBlock(before, new PixelRect(4, 4, 1, 1), 110, 120, 133);
        var delta = Math.Abs(PixelmatchComparer.ColorDelta(before.Pixels, after.Pixels, (4 * 9 + 4) * 4, (4 * 9 + 4) * 4));
        // maxDelta = 35215 · t², so this t puts the pixel's delta right at the limit, then nudges the limit.
        var threshold = Math.Sqrt(delta / 35215) * factor;

        var result = Diff(before, after, CountOnly with { Threshold = threshold });

        Assert.Equal(expected, result.DiffPixels);
    }

    [Fact]
    public void Semi_transparent_pixels_are_blended_over_white()
    {
        var before = TestImages.White(8, 8);
        // Fully transparent anything looks white over white; half-transparent black looks mid grey.
        var after = TestImages.WithBlock(before, new PixelRect(0, 0, 4, 8), 12, 34, 56, 0);
        after = TestImages.WithBlock(after, new PixelRect(6, 3, 1, 1), 0, 0, 0, 128);

        var result = Diff(before, after, CountOnly with { Threshold = 0 });

        Assert.Equal(1, result.DiffPixels);
        Assert.Equal(new DiffRegion(6, 3, 1, 1, 1), Assert.Single(result.Regions));
    }

    [Fact]
    public void Threshold_zero_counts_any_visible_change()
    {
        var before = TestImages.White(16, 16);
        var after = TestImages.WithBlock(before, new PixelRect(3, 3, 2, 2), 254, 255, 255);

        Assert.Equal(4, Diff(before, after, CountOnly with { Threshold = 0 }).DiffPixels);
        Assert.Equal(0, Diff(before, after, CountOnly).DiffPixels);
    }

    [Fact]
    public void Wide_images_compare_the_same_in_the_vector_blocks_and_the_row_tail()
    {
        // 37 pixels: four 8-pixel blocks and a 5-pixel tail; a change in every other column.
        var before = TestImages.White(37, 3);
        var after = before.Clone();
        for (var x = 0; x < 37; x += 2)
            after.SetPixel(x, 1, 0, 0, 0, 255);

        var result = Diff(before, after, CountOnly with { IncludeAntialiasing = true });

        Assert.Equal(19, result.DiffPixels);
    }

    [Fact]
    public void The_eight_pixel_vector_test_agrees_with_the_scalar_delta_even_at_the_limit()
    {
        var random = new Random(3);
        var a = new byte[32];
        var b = new byte[32];
        for (var n = 0; n < 5000; n++)
        {
            random.NextBytes(a);
            random.NextBytes(b);
            for (var i = 0; i < 32; i++)
            {
                // Alpha opaque, as the vector path requires; many channels a step or two apart, the smallest deltas.
                if (i % 4 == 3)
                    a[i] = b[i] = 255;
                else if (random.Next(3) > 0)
                    b[i] = (byte)Math.Clamp(a[i] + random.Next(-2, 3), 0, 255);
            }
            var deltas = Enumerable.Range(0, 8).Select(p => Math.Abs(PixelmatchComparer.ColorDelta(a, b, p * 4, p * 4))).ToArray();
            // The limit is exactly one pixel's delta: the strict comparison must leave that pixel out.
            var limit = deltas[random.Next(8)];
            var expected = 0u;
            for (var p = 0; p < 8; p++)
            {
                if (deltas[p] > limit)
                    expected |= 1u << p;
            }

            var actual = PixelmatchComparer.AboveThreshold(
                Vector256.Create<uint>(MemoryMarshal.Cast<byte, uint>(a)), Vector256.Create<uint>(MemoryMarshal.Cast<byte, uint>(b)), limit);

            Assert.Equal(expected, actual);
        }
    }

    private static VisualDiffResult Diff(RgbaImage before, RgbaImage after, VisualDiffOptions options) =>
        TestImages.Differ().Diff(before, after, options);
}
