using System.Buffers.Binary;
using System.IO.Compression;
using GlmMcp.Core.Imaging;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class ImageEncoderTests
{
    private const int ColorTypeOffset = 25;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Png_round_trips_exactly_across_several_parallel_bands(bool opaque)
    {
        var random = new Random(42);
        var image = RgbaImage.CreateTransparent(131, 4 * PngWriter.RowsPerBand(131 * 4 + 1) - 7);
        random.NextBytes(image.Pixels);
        for (var y = 100; y < 150; y++)
            image.Row(y).Fill(200);
        if (opaque)
        {
            for (var i = 3; i < image.Pixels.Length; i += 4)
                image.Pixels[i] = 255;
        }

        var png = ImageEncoder.EncodePng(image);
        var decoded = new ImageDecoder(new ImagingOptions()).Decode(png, "png");

        Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
        Assert.Equal(opaque ? 2 : 6, png[ColorTypeOffset]);
    }

    [Fact]
    public void Images_with_more_than_256_colours_are_written_as_rgb_when_opaque_and_rgba_otherwise()
    {
        var opaque = Numbered(257, alpha: 255);
        var translucent = Numbered(257, alpha: 254);

        var opaquePng = ImageEncoder.EncodePng(opaque);
        var translucentPng = ImageEncoder.EncodePng(translucent);

        // The IHDR colour type: 2 = RGB, 6 = RGBA.
        Assert.Equal(2, opaquePng[ColorTypeOffset]);
        Assert.Equal(6, translucentPng[ColorTypeOffset]);
        Assert.Equal(opaque.Pixels, SkiaDecode(opaquePng, opaque));
        Assert.Equal(translucent.Pixels, SkiaDecode(translucentPng, translucent));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(27)]
    [InlineData(256)]
    public void Images_with_at_most_256_colours_are_written_with_a_palette_and_round_trip_exactly(int colors)
    {
        var image = Numbered(colors, alpha: 255);

        var png = ImageEncoder.EncodePng(image);

        Assert.Equal(3, png[ColorTypeOffset]);
        Assert.Equal(colors * 3, Chunks(png).Single(c => c.Type == "PLTE").Data.Length);
        Assert.DoesNotContain(Chunks(png), c => c.Type == "tRNS");
        Assert.Equal(image.Pixels, SkiaDecode(png, image));
    }

    [Fact]
    public void Palette_indices_stay_exact_across_bands_that_meet_their_colours_in_different_orders()
    {
        var rowsPerBand = PngWriter.RowsPerBand(64 * 4 + 1);
        var image = RgbaImage.CreateFilled(64, 3 * rowsPerBand + 5, 0, 0, 0, 255);
        for (var y = 0; y < image.Height; y++)
        {
            var band = y / rowsPerBand;
            for (var x = 0; x < image.Width; x++)
            {
                // Each band walks 200 colours from its own starting point and in its own direction; the last adds 50 new ones.
                var color = band == 3 ? 200 + (x + y) % 50 : (band % 2 == 0 ? x + y + band * 50 : 1000 - x - y) % 200;
                image.SetPixel(x, y, (byte)color, (byte)(color * 3), 1, 255);
            }
        }

        var png = ImageEncoder.EncodePng(image);

        Assert.Equal(3, png[ColorTypeOffset]);
        Assert.Equal(image.Pixels, SkiaDecode(png, image));
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 2)]
    public void A_screenshot_like_page_is_written_with_a_palette_up_to_256_colours_and_as_rgb_beyond_and_round_trips_exactly(bool gradientHeader, int colorType)
    {
        var page = TestImages.ScreenshotLike(1280, 800, gradientHeader);

        var png = ImageEncoder.EncodePng(page);

        Assert.Equal(colorType, png[ColorTypeOffset]);
        Assert.Equal(page.Pixels, SkiaDecode(png, page));
        Assert.True(png.Length < EncodeWithSkia(page), $"ours {png.Length} bytes, Skia's {EncodeWithSkia(page)}");
    }

    [Fact]
    public void Translucent_palette_colours_come_first_and_the_trns_chunk_holds_only_their_alphas()
    {
        var image = Numbered(40, alpha: 255);
        image.SetPixel(5, 5, 9, 9, 9, 0);
        image.SetPixel(6, 5, 9, 9, 9, 128);

        var png = ImageEncoder.EncodePng(image);

        Assert.Equal(3, png[ColorTypeOffset]);
        Assert.Equal([0, 128], Chunks(png).Single(c => c.Type == "tRNS").Data);
        Assert.Equal(image.Pixels, SkiaDecode(png, image));
    }

    [Fact]
    public void A_diff_overlay_is_written_with_a_palette_and_smaller_than_skias_truecolour_png()
    {
        var before = TestImages.White(640, 360);
        for (var y = 0; y < 360; y += 9)
            before.Row(y).Fill(40);
        var after = TestImages.WithBlock(before, new PixelRect(100, 100, 200, 80), 200, 30, 30);
        var result = TestImages.Differ().Diff(before, after, new VisualDiffOptions());

        var png = result.DiffPng!;

        Assert.Equal(3, png[ColorTypeOffset]);
        var overlay = new ImageDecoder(new ImagingOptions()).Decode(png, "overlay");
        var skia = EncodeWithSkia(overlay);
        Assert.True(png.Length < skia, $"ours {png.Length} bytes, Skia's {skia}");
    }

    [Fact]
    public void Every_filter_type_is_used_where_it_fits_and_each_round_trips_exactly()
    {
        // Rows built so each filter leaves the smallest residue: flat (None), a horizontal ramp (Sub), the row above
        // plus one (Up), the mean of left and up (Average), Paeth's prediction plus one (Paeth, under a row of noise
        // so that its prediction takes left and up by turns).
        const int width = 97;
        const int height = 14;
        var image = RgbaImage.CreateFilled(width, height, 0, 0, 0, 255);
        var random = new Random(7);
        var rowBytes = width * 3;
        var rows = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            var row = rows[y] = new byte[rowBytes];
            var up = y == 0 ? new byte[rowBytes] : rows[y - 1];
            for (var i = 0; i < rowBytes; i++)
            {
                int a = i >= 3 ? row[i - 3] : 0, b = up[i], c = i >= 3 ? up[i - 3] : 0;
                row[i] = (y % 7) switch
                {
                    1 => 90,
                    2 => (byte)(i * 7 + y),
                    3 => (byte)(b + 1),
                    4 => (byte)((a + b) >> 1),
                    6 => (byte)(PngRowFilter.PaethPredictor(a, b, c) + 1),
                    _ => (byte)random.Next(256),
                };
            }
            for (var x = 0; x < width; x++)
                image.SetPixel(x, y, row[x * 3], row[x * 3 + 1], row[x * 3 + 2], 255);
        }

        var png = ImageEncoder.EncodePng(image);

        Assert.Equal(2, png[ColorTypeOffset]);
        var filters = FilterTypes(png, rowBytes + 1);
        Assert.Equal([PngRowFilter.None, PngRowFilter.Sub, PngRowFilter.Up, PngRowFilter.Average], filters[8..12]);
        Assert.Equal(PngRowFilter.Paeth, filters[13]);
        Assert.Equal(image.Pixels, SkiaDecode(png, image));
    }

    [Fact]
    public void A_row_mostly_equal_to_its_left_neighbours_stays_unfiltered_even_where_sub_sums_lower()
    {
        // Left 40 % flat, the rest a ramp: Sub's residue sums lowest, but the row is flat enough to keep as it is. The
        // first row has 300 colours, so the image is not written with a palette.
        const int width = 300;
        var image = RgbaImage.CreateFilled(width, 2, 0, 0, 0, 255);
        for (var x = 0; x < width; x++)
        {
            image.SetPixel(x, 0, (byte)x, (byte)(x >> 8), 7, 255);
            var v = (byte)(x < 120 ? 0 : (x - 120) * 3);
            image.SetPixel(x, 1, v, (byte)(v + 1), (byte)(v + 2), 255);
        }

        var png = ImageEncoder.EncodePng(image);

        Assert.Equal(2, png[ColorTypeOffset]);
        Assert.Equal(PngRowFilter.None, FilterTypes(png, width * 3 + 1)[1]);
        Assert.Equal(image.Pixels, SkiaDecode(png, image));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 70_000)]
    [InlineData(40_000, 3)]
    public void Extreme_shapes_round_trip_and_narrow_tall_images_use_bands_of_at_least_128_KiB(int width, int height)
    {
        var image = RgbaImage.CreateTransparent(width, height);
        new Random(width + height).NextBytes(image.Pixels);

        var png = ImageEncoder.EncodePng(image);

        Assert.Equal(image.Pixels, SkiaDecode(png, image));
        Assert.True(PngWriter.RowsPerBand(width * 4 + 1) * (long)(width * 4 + 1) >= 128 * 1024);
    }

    [Fact]
    public void Jpeg_encodes_and_decodes_to_the_same_size()
    {
        var jpeg = ImageEncoder.EncodeJpeg(RgbaImage.CreateFilled(40, 20, 10, 200, 30, 255), 90);
        var decoded = new ImageDecoder(new ImagingOptions()).Decode(jpeg, "jpeg");

        Assert.Equal((40, 20), (decoded.Width, decoded.Height));
        var (r, g, b, _) = decoded.GetPixel(20, 10);
        Assert.True(Math.Abs(r - 10) < 8 && Math.Abs(g - 200) < 8 && Math.Abs(b - 30) < 8, $"{r},{g},{b}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(5552 * 3 + 77)]
    [InlineData(200_000)]
    public void Adler32_equals_the_zlib_trailer(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        // Long runs of 255 push the vector sums to their largest values.
        data.AsSpan(0, length / 2).Fill(255);
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(data);
        var trailer = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(compressed.ToArray().AsSpan((int)compressed.Length - 4));

        Assert.Equal(trailer, PngWriter.Adler(data));
    }

    /// <summary>An opaque image using exactly <paramref name="colors"/> colours, in runs along its rows.</summary>
    private static RgbaImage Numbered(int colors, byte alpha)
    {
        var image = RgbaImage.CreateFilled(64, 48, 0, 0, 0, alpha);
        for (var i = 0; i < image.Width * image.Height; i++)
        {
            var color = i / 3 % colors;
            image.SetPixel(i % image.Width, i / image.Width, (byte)color, (byte)(color >> 8), (byte)(color * 7), alpha);
        }
        return image;
    }

    /// <summary>Decodes with SkiaSharp (libpng's rules, the decoder clients use) straight to unpremultiplied RGBA.</summary>
    private static byte[] SkiaDecode(byte[] png, RgbaImage like)
    {
        using var bitmap = SKBitmap.Decode(png, new SKImageInfo(like.Width, like.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap);
        return bitmap.Bytes;
    }

    private static int EncodeWithSkia(RgbaImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        image.Pixels.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return (int)data.Size;
    }

    private static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, at + 4, 4), png.AsSpan(at + 8, length).ToArray()));
            at += length + 12;
        }
        return chunks;
    }

    /// <summary>The filter type byte of each row, from the inflated IDAT stream.</summary>
    private static byte[] FilterTypes(byte[] png, int rowBytes)
    {
        var zlib = Chunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var inflated = new MemoryStream();
        using (var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
            stream.CopyTo(inflated);
        var raw = inflated.ToArray();
        Assert.Equal(0, raw.Length % rowBytes);
        return [.. Enumerable.Range(0, raw.Length / rowBytes).Select(row => raw[row * rowBytes])];
    }
}
