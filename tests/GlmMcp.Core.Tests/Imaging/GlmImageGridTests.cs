using GlmMcp.Core;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class GlmImageGridTests
{
    [Theory]
    [InlineData(1280, 720, 1196)]
    [InlineData(1920, 1080, 2691)]
    [InlineData(2560, 1440, 4641)]
    [InlineData(3840, 2160, 7360)]
    public void Image_token_cost_matches_the_documented_examples(int width, int height, int tokens) =>
        Assert.Equal(tokens, GlmImageGrid.ImageTokens(width, height));

    [Fact]
    public void A_lower_pixel_cap_lowers_the_cost_of_a_4k_image_to_the_documented_figure() =>
        Assert.Equal(6032, GlmImageGrid.ImageTokens(3840, 2160, maxPixels: 9_633_792));

    [Fact]
    public void Sides_are_rounded_to_multiples_of_28() =>
        Assert.Equal((1288, 728), GlmImageGrid.SmartResize(1280, 720));

    [Fact]
    public void A_4k_image_is_scaled_down_under_the_pixel_budget() =>
        Assert.Equal((3220, 1792), GlmImageGrid.SmartResize(3840, 2160));

    [Fact]
    public void A_tiny_image_is_scaled_up_to_the_minimum_pixel_count()
    {
        var (w, h) = GlmImageGrid.SmartResize(20, 20);
        Assert.Equal((84, 84), (w, h));
        Assert.True(2L * w * h >= GlmImageGrid.DefaultMinPixels);
    }

    [Fact]
    public void An_aspect_ratio_above_200_is_refused_with_a_message_that_says_so()
    {
        var e = Assert.Throws<UserInputException>(() => GlmImageGrid.SmartResize(20_100, 100));
        Assert.Contains("aspect ratio", e.Message);
    }
}
