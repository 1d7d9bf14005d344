using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class DiffImageTests
{
    [Fact]
    public void Overlay_fades_before_to_light_grey_marks_changes_red_antialiasing_yellow_and_boxes_regions_in_blue()
    {
        var before = TestImages.WithBlock(TestImages.White(60, 40), new PixelRect(0, 0, 60, 5), 0, 0, 0);
        var after = TestImages.WithBlock(before, new PixelRect(30, 20, 4, 4), 255, 0, 0);

        var result = TestImages.Differ().Diff(before, after, new VisualDiffOptions());
        var picture = Decode(result.DiffPng);

        Assert.Equal((60, 40), (picture.Width, picture.Height));
        Assert.Equal((255, 0, 0, 255), Rgba(picture, 31, 21));
        // pixelmatch's grey: 255 + (luma - 255) · 0.1 for opaque pixels, so black fades to 229 and white stays white.
        Assert.Equal((229, 229, 229, 255), Rgba(picture, 5, 2));
        Assert.Equal((255, 255, 255, 255), Rgba(picture, 5, 30));
        Assert.Equal((0, 102, 255, 255), Rgba(picture, 28, 18));
        Assert.Equal((0, 102, 255, 255), Rgba(picture, 35, 25));
        Assert.Equal((255, 255, 255, 255), Rgba(picture, 27, 17));
    }

    [Fact]
    public void Overlay_draws_antialiased_pixels_yellow()
    {
        var before = TestImages.LoadFixture("shapes-before.png");
        var after = TestImages.LoadFixture("shapes-after.png");

        var result = TestImages.Differ().Diff(before, after, new VisualDiffOptions());
        var picture = Decode(result.DiffPng);

        var yellow = Enumerable.Range(0, picture.Height).SelectMany(y => Enumerable.Range(0, picture.Width).Select(x => Rgba(picture, x, y)))
            .Count(c => c == (255, 255, 0, 255));
        Assert.Equal(result.AaPixels, yellow);
    }

    [Fact]
    public void Mask_has_changed_pixels_red_and_everything_else_transparent()
    {
        var before = TestImages.White(20, 20);
        var after = TestImages.WithBlock(before, new PixelRect(5, 6, 2, 3), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, new VisualDiffOptions { DiffImage = DiffImageKind.Mask });
        var picture = Decode(result.DiffPng);

        var red = 0;
        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 20; x++)
            {
                var inside = x is >= 5 and < 7 && y is >= 6 and < 9;
                Assert.Equal(inside ? (255, 0, 0, 255) : (0, 0, 0, 0), Rgba(picture, x, y));
                red += inside ? 1 : 0;
            }
        }
        Assert.Equal(6, red);
    }

    [Fact]
    public void None_returns_no_picture()
    {
        var result = TestImages.Differ().Diff(TestImages.White(4, 4), TestImages.White(4, 4), new VisualDiffOptions { DiffImage = DiffImageKind.None });

        Assert.Null(result.DiffPng);
    }

    private static RgbaImage Decode(byte[]? png)
    {
        Assert.NotNull(png);
        return new ImageDecoder(new ImagingOptions()).Decode(png, "diff");
    }

    private static (int, int, int, int) Rgba(RgbaImage image, int x, int y)
    {
        var (r, g, b, a) = image.GetPixel(x, y);
        return (r, g, b, a);
    }
}
