using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class ColorDifferenceTests
{
    /// <summary>Pairs from Sharma, Wu and Dalal's CIEDE2000 test data (pairs 1, 7, 17 and 25).</summary>
    [Theory]
    [InlineData(50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425)]
    [InlineData(50, 0, 0, 50, -1, 2, 2.3669)]
    [InlineData(50, 2.5, 0, 73, 25, -18, 27.1492)]
    [InlineData(60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644)]
    public void Ciede2000_matches_the_published_test_pairs(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        Assert.Equal(expected, ColorDifference.Ciede2000((l1, a1, b1), (l2, a2, b2)), 4);
    }

    [Fact]
    public void White_in_lab_is_100_0_0_and_one_level_of_grey_is_invisible()
    {
        var (l, a, b) = ColorDifference.Lab(255, 255, 255);
        Assert.Equal(100, l, 2);
        Assert.Equal(0, a, 2);
        Assert.Equal(0, b, 2);
        Assert.True(ColorDifference.Ciede2000(128, 128, 128, 129, 128, 128) < 1);
        Assert.True(ColorDifference.Ciede2000(37, 99, 235, 22, 163, 74) > 10);
    }
}
