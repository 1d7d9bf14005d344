using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new(new ImagingOptions());

    [Fact]
    public void A_header_claiming_100000_by_100000_is_refused_before_decoding_with_the_limits_named()
    {
        var error = Assert.Throws<UserInputException>(() => _decoder.Decode(PngBuilder.HeaderOnly(100_000, 100_000), "before"));

        Assert.Contains("100000×100000", error.Message);
        Assert.Contains("Imaging:MaxMegapixels", error.Message);
        Assert.Contains("Imaging:MaxSide", error.Message);
    }

    [Fact]
    public void A_side_over_the_configured_limit_is_refused_even_when_the_area_is_small()
    {
        var decoder = new ImageDecoder(new ImagingOptions { MaxSide = 100 });

        var error = Assert.Throws<UserInputException>(() => decoder.Decode(PngBuilder.HeaderOnly(101, 1), "after"));

        Assert.StartsWith("'after' is 101×1", error.Message);
    }

    [Fact]
    public void Zero_bytes_are_refused_as_empty()
    {
        var error = Assert.Throws<UserInputException>(() => _decoder.Decode([], "before"));

        Assert.Contains("empty (0 bytes)", error.Message);
    }

    [Fact]
    public void Text_is_refused_as_text_quoting_its_start()
    {
        var error = Assert.Throws<UserInputException>(() => _decoder.Decode("hello, this is not a picture"u8, "before"));

        Assert.Contains("is text, not an image", error.Message);
        Assert.Contains("hello, this", error.Message);
    }

    [Fact]
    public void A_truncated_png_is_a_clear_error()
    {
        var png = File.ReadAllBytes(TestImages.Fixture("text-before.png"));

        var error = Assert.Throws<UserInputException>(() => _decoder.Decode(png.AsSpan(0, png.Length / 2), "before"));

        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void A_png_with_damaged_pixel_data_is_a_clear_error()
    {
        var png = File.ReadAllBytes(TestImages.Fixture("text-before.png"));
        for (var i = 200; i < png.Length - 100; i += 7)
            png[i] ^= 0x5A;

        var error = Assert.Throws<UserInputException>(() => _decoder.Decode(png, "before"));

        Assert.Contains("'before'", error.Message);
    }

    [Fact]
    public void Random_bytes_are_refused_with_their_first_bytes_shown()
    {
        var error = Assert.Throws<UserInputException>(() => _decoder.Decode([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x10, 0x00, 0x00], "after"));

        Assert.Contains("000102FFFE10", error.Message);
    }

    [Fact]
    public void Grayscale_sixteen_bit_and_palette_pngs_decode_to_rgba()
    {
        var gray = _decoder.Decode(PngBuilder.Build(2, 1, PngBuilder.Grayscale, 8, [[10, 200]]), "gray");
        var deep = _decoder.Decode(PngBuilder.Build(1, 1, PngBuilder.Rgba, 16, [[0x12, 0x34, 0x80, 0x00, 0xFF, 0xFF, 0x7F, 0xFF]]), "deep");
        var palette = _decoder.Decode(PngBuilder.Build(2, 1, PngBuilder.Palette, 8, [[1, 0]], palette: [9, 8, 7, 200, 100, 50]), "palette");

        Assert.Equal(((byte)10, (byte)10, (byte)10, (byte)255), gray.GetPixel(0, 0));
        Assert.Equal(((byte)200, (byte)200, (byte)200, (byte)255), gray.GetPixel(1, 0));
        Assert.Equal(((byte)0x12, (byte)0x80, (byte)0xFF, (byte)0x7F), deep.GetPixel(0, 0));
        Assert.Equal(((byte)200, (byte)100, (byte)50, (byte)255), palette.GetPixel(0, 0));
        Assert.Equal(((byte)9, (byte)8, (byte)7, (byte)255), palette.GetPixel(1, 0));
    }

    [Fact]
    public void Semi_transparent_png_pixels_stay_unpremultiplied()
    {
        var image = _decoder.Decode(PngBuilder.Build(1, 1, PngBuilder.Rgba, 8, [[200, 100, 50, 64]]), "alpha");

        Assert.Equal(((byte)200, (byte)100, (byte)50, (byte)64), image.GetPixel(0, 0));
    }

    [Fact]
    public void The_codec_is_handed_a_png_without_its_large_ancillary_chunks_but_with_its_transparency()
    {
        var png = PngWithLargeChunks(16 * 1024 * 1024);

        var filtered = PngChunkFilter.Filter(png);

        Assert.Equal(
            [("IHDR", 13), ("PLTE", 6), ("tRNS", 2), ("gAMA", 4), ("IDAT", PngBuilder.Chunks(png).Single(c => c.Type == "IDAT").Length), ("IEND", 0)],
            PngBuilder.Chunks(filtered));
        Assert.True(filtered.Length < 1000, $"{filtered.Length} bytes");
    }

    [Fact]
    public void A_png_with_a_16_mb_ancillary_chunk_decodes_its_pixels_and_transparency()
    {
        // Before the filter the codec took about 20 s over the 16 MB chunk.
        var image = _decoder.Decode(PngWithLargeChunks(16 * 1024 * 1024), "before");

        Assert.Equal(((byte)9, (byte)8, (byte)7, (byte)0), image.GetPixel(0, 0));
        Assert.Equal(((byte)200, (byte)100, (byte)50, (byte)255), image.GetPixel(1, 0));
    }

    [Fact]
    public void A_png_with_nothing_to_drop_is_handed_on_as_it_is_and_bytes_after_iend_are_dropped()
    {
        var png = PngBuilder.Build(1, 1, PngBuilder.Rgba, 8, [[200, 100, 50, 64]]);

        var same = PngChunkFilter.Filter(png);
        var trimmed = PngChunkFilter.Filter([.. png, .. "trailing bytes"u8]);

        Assert.True(same == png.AsSpan(), "the same bytes, not a copy");
        Assert.Equal(png, trimmed.ToArray());
    }

    private static byte[] PngWithLargeChunks(int size) =>
        PngBuilder.Build(2, 1, PngBuilder.Palette, 8, [[0, 1]], palette: [9, 8, 7, 200, 100, 50], extra:
        [
            ("iCCP", new byte[size]),
            ("tRNS", [0, 255]),
            ("tEXt", new byte[size / 4]),
            ("gAMA", [0, 0, 0xB1, 0x8F]),
            ("prVt", new byte[1000]),
        ]);

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Jpeg_and_webp_decode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(16, 8, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor(0, 0, 255));
        using var data = bitmap.Encode(format, 95);

        var image = _decoder.Decode(data.AsSpan(), format.ToString());

        Assert.Equal((16, 8), (image.Width, image.Height));
        var (r, g, b, a) = image.GetPixel(3, 3);
        Assert.True(r < 10 && g < 10 && b > 245 && a == 255, $"{r},{g},{b},{a}");
    }

    [Fact]
    public void The_first_frame_of_a_gif_decodes()
    {
        // A 1×1 GIF whose only pixel is transparent (the classic tracking pixel).
        var gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

        var image = _decoder.Decode(gif, "gif");

        Assert.Equal((1, 1), (image.Width, image.Height));
        Assert.Equal(0, image.GetPixel(0, 0).A);
    }

    [Fact]
    public void A_bmp_decodes()
    {
        var image = _decoder.Decode(Bmp24(2, 1, [(10, 20, 30), (40, 50, 60)]), "bmp");

        Assert.Equal(((byte)10, (byte)20, (byte)30, (byte)255), image.GetPixel(0, 0));
        Assert.Equal(((byte)40, (byte)50, (byte)60, (byte)255), image.GetPixel(1, 0));
    }

    private static byte[] Bmp24(int width, int height, (byte R, byte G, byte B)[] pixels)
    {
        var rowSize = (width * 3 + 3) / 4 * 4;
        var bytes = new byte[54 + rowSize * height];
        "BM"u8.CopyTo(bytes);
        BitConverter.GetBytes(bytes.Length).CopyTo(bytes, 2);
        BitConverter.GetBytes(54).CopyTo(bytes, 10);
        BitConverter.GetBytes(40).CopyTo(bytes, 14);
        BitConverter.GetBytes(width).CopyTo(bytes, 18);
        BitConverter.GetBytes(height).CopyTo(bytes, 22);
        BitConverter.GetBytes((short)1).CopyTo(bytes, 26);
        BitConverter.GetBytes((short)24).CopyTo(bytes, 28);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = pixels[y * width + x];
                var at = 54 + (height - 1 - y) * rowSize + x * 3;
                (bytes[at], bytes[at + 1], bytes[at + 2]) = (p.B, p.G, p.R);
            }
        }
        return bytes;
    }
}
