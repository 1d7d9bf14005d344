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
    public void The_returned_overlay_is_drawn_down_to_its_long_side_and_keeps_a_single_changed_pixel_and_the_region_box()
    {
        var before = TestImages.White(3200, 1800);
        var after = TestImages.WithBlock(before, new PixelRect(1000, 1000, 1, 1), 0, 0, 0);

        var result = TestImages.Differ().Diff(before, after, new VisualDiffOptions { ReturnedImageSide = 1568 });
        var returned = result.ReturnedDiff!;
        var picture = Decode(returned.Bytes);

        Assert.Equal((1568, 882, 3200, 1800), (returned.Width, returned.Height, returned.FullWidth, returned.FullHeight));
        Assert.Equal((1568, 882), (picture.Width, picture.Height));
        // 1000 × 1568 / 3200 = 490: the one changed pixel is still pure red, not averaged into the white around it.
        Assert.Equal((255, 0, 0, 255), Rgba(picture, 490, 490));
        Assert.Contains((0, 102, 255, 255), Enumerable.Range(485, 10).SelectMany(y => Enumerable.Range(485, 10).Select(x => Rgba(picture, x, y))));
        Assert.Equal((255, 255, 255, 255), Rgba(picture, 100, 100));
        Assert.Equal((3200, 1800), (Decode(result.DiffPng).Width, Decode(result.DiffPng).Height));
    }

    [Fact]
    public void Drawing_down_keeps_a_one_pixel_line_of_the_faded_page_at_its_darkest_grey()
    {
        var before = TestImages.WithBlock(TestImages.White(3200, 1800), new PixelRect(0, 1001, 3200, 1), 0, 0, 0);
        var after = TestImages.WithBlock(before, new PixelRect(10, 10, 1, 1), 255, 0, 0);

        var picture = Decode(TestImages.Differ().Diff(before, after, new VisualDiffOptions { ReturnedImageSide = 1568 }).ReturnedDiff!.Bytes);

        // Target row 490 covers rows 1000 and 1001: black fades to 229 and wins over the white row above it.
        Assert.Equal((229, 229, 229, 255), Rgba(picture, 800, 490));
        Assert.Equal((255, 255, 255, 255), Rgba(picture, 800, 489));
        Assert.Equal((255, 255, 255, 255), Rgba(picture, 800, 491));
    }

    [Fact]
    public void Without_the_full_size_png_a_drawn_down_picture_is_the_only_one_encoded_and_a_fitting_picture_still_gets_its_png()
    {
        var before = TestImages.White(3200, 1800);
        var after = TestImages.WithBlock(before, new PixelRect(1000, 1000, 1, 1), 0, 0, 0);
        var small = TestImages.White(800, 600);
        var smallAfter = TestImages.WithBlock(small, new PixelRect(10, 10, 5, 5), 0, 0, 0);

        var returnedOnly = TestImages.Differ().Diff(before, after, new VisualDiffOptions { ReturnedImageSide = 1568, FullSizePng = false });
        var both = TestImages.Differ().Diff(before, after, new VisualDiffOptions { ReturnedImageSide = 1568 });
        var fits = TestImages.Differ().Diff(small, smallAfter, new VisualDiffOptions { ReturnedImageSide = 1568, FullSizePng = false });

        Assert.Null(returnedOnly.DiffPng);
        Assert.Equal(both.ReturnedDiff!.Bytes, returnedOnly.ReturnedDiff!.Bytes);
        Assert.Equal((3200, 1800), (Decode(both.DiffPng).Width, Decode(both.DiffPng).Height));
        Assert.Null(fits.ReturnedDiff);
        Assert.Equal(TestImages.Differ().Diff(small, smallAfter, new VisualDiffOptions()).DiffPng, fits.DiffPng);
    }

    [Fact]
    public void No_returned_overlay_is_drawn_when_the_picture_already_fits_or_none_is_asked_for()
    {
        var before = TestImages.White(800, 600);
        var after = TestImages.WithBlock(before, new PixelRect(10, 10, 5, 5), 0, 0, 0);

        Assert.Null(TestImages.Differ().Diff(before, after, new VisualDiffOptions { ReturnedImageSide = 1568 }).ReturnedDiff);
        Assert.Null(TestImages.Differ().Diff(TestImages.White(3200, 100), TestImages.WithBlock(TestImages.White(3200, 100), new PixelRect(10, 10, 5, 5), 0, 0, 0),
            new VisualDiffOptions()).ReturnedDiff);
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
    public void Overlay_greys_equal_pixelmatchs_draw_gray_pixel_for_every_pixel_translucent_ones_included()
    {
        // 67 columns: two 32-pixel vector blocks and a 3-pixel tail; random colours and alphas.
        var before = RgbaImage.CreateTransparent(67, 13);
        new Random(11).NextBytes(before.Pixels);
        for (var x = 0; x < 67; x++)
        {
            before.SetPixel(x, 0, 0, 0, 0, 255);
            before.SetPixel(x, 1, 255, 255, 255, (byte)(x * 4));
        }

        var result = TestImages.Differ().Diff(before, before.Clone(), new VisualDiffOptions());
        var picture = Decode(result.DiffPng);

        Assert.Equal(3, result.DiffPng![25]);
        for (var y = 0; y < 13; y++)
        {
            for (var x = 0; x < 67; x++)
            {
                var (r, g, b, a) = before.GetPixel(x, y);
                var luma = r * 0.29889531 + g * 0.58662247 + b * 0.11448223;
                var grey = (byte)(255 + (luma - 255) * 0.1 * a / 255);
                Assert.True(((int, int, int, int))(grey, grey, grey, 255) == Rgba(picture, x, y), $"({x},{y}): {Rgba(picture, x, y)} not {grey}");
            }
        }
    }

    [Fact]
    public void A_mask_is_written_with_a_two_colour_palette_whose_transparent_entry_comes_first()
    {
        var before = TestImages.White(50, 30);
        var after = TestImages.WithBlock(before, new PixelRect(3, 4, 5, 6), 0, 0, 0);

        var png = TestImages.Differ().Diff(before, after, new VisualDiffOptions { DiffImage = DiffImageKind.Mask }).DiffPng!;

        Assert.Equal(3, png[25]);
        // PLTE: transparent black, red; tRNS: one alpha, 0, for the first entry.
        var palette = png.AsSpan().IndexOf("PLTE"u8);
        Assert.Equal([0, 0, 0, 255, 0, 0], png.AsSpan(palette + 4, 6).ToArray());
        var alphas = png.AsSpan().IndexOf("tRNS"u8);
        Assert.Equal([0, 0, 0, 1, (byte)'t', (byte)'R', (byte)'N', (byte)'S', 0], png.AsSpan(alphas - 4, 9).ToArray());
        Assert.Equal(30, Decode(png).AsWords().ToArray().Count(w => w == RgbaImage.PackRgba(255, 0, 0, 255)));
    }

    [Fact]
    public void A_palette_with_a_translucent_colour_after_an_opaque_one_is_refused_with_the_rule()
    {
        var error = Assert.Throws<ArgumentException>(() => new PngPalette([RgbaImage.PackRgba(255, 0, 0, 255), RgbaImage.PackRgba(0, 0, 0, 0)]));

        Assert.Contains("Translucent palette colours must come before the opaque ones", error.Message);
        Assert.Throws<ArgumentException>(() => new PngPalette(new uint[257]));
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
