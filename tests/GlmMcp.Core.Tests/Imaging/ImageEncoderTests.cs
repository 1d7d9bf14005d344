using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class ImageEncoderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Png_round_trips_exactly_across_several_parallel_bands(bool opaque)
    {
        var random = new Random(42);
        var image = RgbaImage.CreateTransparent(131, 211);
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

        Assert.Equal((131, 211), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Opaque_images_are_written_as_rgb_and_others_as_rgba()
    {
        var opaque = ImageEncoder.EncodePng(RgbaImage.CreateFilled(3, 3, 1, 2, 3, 255));
        var translucent = ImageEncoder.EncodePng(RgbaImage.CreateFilled(3, 3, 1, 2, 3, 254));

        // Byte 25 is the IHDR colour type: 2 = RGB, 6 = RGBA.
        Assert.Equal(2, opaque[25]);
        Assert.Equal(6, translucent[25]);
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
}
