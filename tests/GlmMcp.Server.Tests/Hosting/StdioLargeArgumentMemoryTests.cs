using System.Buffers.Text;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>
/// Large arguments accepted over stdio cost the server at most twice their message's size in peak resident memory
/// (VmHWM) above what it held before (plus <see cref="RuntimeAllowance"/>), and still give the right answer.
/// </summary>
/// <remarks>
/// Why the bound holds: the transport reads a large <c>tools/call</c> as it streams in, never holding the line whole,
/// and moves each large argument out of the message into one buffer (a base64 image decoded on the fly, so ¾ of its
/// text; HTML unescaped, so at most its text). Then, for the image, the decoder reads those bytes in place and the
/// 8-bit pixels are half of the 16-bit PNG; with the second image's pixels and the diff map and picture the peak is
/// about 1.5× the message (measured 143-152 MiB for 80 MiB). For the HTML, the renderer hands Chromium the bytes in
/// 16 KiB pieces, so the server holds the text once, about 1× the message (measured 22-28 MiB for 10 MiB, of which
/// ~5 MiB are code pages mapped from disk). A warm-up call of the same kind at a tenth of the size or less comes first,
/// so code is compiled and the heap's young generation has grown; what is left beside the input is the runtime's own
/// growth during a call (the young generation's garbage, code compiled again by tiered compilation, pages of the
/// runtime and libraries mapped from disk), which does not grow with the input: <see cref="RuntimeAllowance"/>.
/// Before the streaming transport these calls grew the peak by ~940 MiB and ~160 MiB.
/// </remarks>
[Trait("Category", "EndToEnd")]
public sealed class StdioLargeArgumentMemoryTests(ITestOutputHelper output)
{
    private const int InvalidRequest = -32600;

    /// <summary>The runtime's own growth during a large call, apart from the input (see the remarks).</summary>
    private const long RuntimeAllowance = 16L * 1024 * 1024;

    /// <summary>2800×2800 pixels of 16-bit RGBA stored without compression: a 62.7 MB (59.8 MiB) PNG.</summary>
    private const int Side = 2800;

    [Fact]
    public async Task A_60_mib_png_inline_in_visual_diff_is_compared_within_twice_its_message_of_memory_and_an_oversized_message_is_still_refused()
    {
        await using var server = RawStdioServer.Start();
        await server.InitializeAsync();
        var small = Convert.ToBase64String(ImageFixtures.Bytes("layout-before.png"));
        // The same path at a 60th of the size first, so what the large call adds is what grows with its input.
        var warmUp = Convert.ToBase64String(Png16(360, square: false, CompressionLevel.NoCompression));
        await server.SendAsync(SmallDiff(1, warmUp));
        using (await server.ReadAnswerAsync("1"))
        {
        }
        // A grey square with a red 100×100 square, stored: the before image; the same without the square, compressed: the after.
        var before = Png16(Side, square: true, CompressionLevel.NoCompression);
        var after = Convert.ToBase64String(Png16(Side, square: false, CompressionLevel.Fastest));
        var beforeBase64 = new byte[Base64.GetMaxEncodedToUtf8Length(before.Length)];
        Base64.EncodeToUtf8(before, beforeBase64, out _, out var encoded);
        var prefix = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"visual_diff","arguments":{"before":""" + "\"");
        var suffix = Encoding.UTF8.GetBytes("\",\"after\":\"" + after + "\"}}}");
        long messageBytes = prefix.Length + encoded + suffix.Length;
        var peakBefore = server.PeakResidentBytes();

        await server.SendBytesAsync(prefix, beforeBase64.AsMemory(0, encoded), suffix);
        using var answer = await server.ReadAnswerAsync("2");
        var growth = server.PeakResidentBytes() - peakBefore;
        output.WriteLine($"visual_diff: {messageBytes / 1024 / 1024} MiB message, peak resident memory +{growth / 1024 / 1024} MiB");
        await server.SendLargeAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"visual_diff","arguments":{"after":"x","before":"iVBORw0KGgo""",
            100L * 1024 * 1024, "\"}}}");
        var (code, refusal) = await server.ReadErrorAsync("3");
        await server.SendAsync(SmallDiff(4, small));
        using var next = await server.ReadAnswerAsync("4");

        Assert.True(answer.RootElement.TryGetProperty("result", out _), answer.RootElement.GetRawText());
        Assert.True(before.Length > 60L * 1024 * 1024 - 1024 * 1024, $"the PNG is {before.Length} bytes");
        var result = answer.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText()[..Math.Min(2000, result.GetRawText().Length)]);
        var diff = result.GetProperty("structuredContent");
        Assert.Equal(Side, diff.GetProperty("width").GetInt32());
        Assert.Equal(10_000, diff.GetProperty("diffPixels").GetInt64());
        var region = Assert.Single(diff.GetProperty("regions").EnumerateArray());
        Assert.Equal((200, 300, 100, 100), (region.GetProperty("x").GetInt32(), region.GetProperty("y").GetInt32(),
            region.GetProperty("width").GetInt32(), region.GetProperty("height").GetInt32()));
        Assert.True(growth <= 2 * messageBytes + RuntimeAllowance,
            $"peak resident memory grew by {growth / 1024 / 1024} MiB for a {messageBytes / 1024 / 1024} MiB message");
        Assert.Equal(InvalidRequest, code);
        Assert.Contains("(Stdio:MaxMessageBytes)", refusal);
        Assert.True(next.RootElement.GetProperty("result").GetProperty("structuredContent").GetProperty("identical").GetBoolean());
    }

    [Fact]
    public async Task A_9_9_mb_html_string_to_render_page_is_rendered_whole_within_twice_its_message_of_memory()
    {
        await using var server = RawStdioServer.Start();
        await server.InitializeAsync();
        // The same path at a tenth of the size first, so what the large call adds is what grows with its input.
        await server.SendBytesAsync(RenderMessage(1, Page(960_000)));
        using (var warm = await server.ReadAnswerAsync("1"))
            Assert.True(warm.RootElement.TryGetProperty("result", out _), warm.RootElement.GetRawText());
        var message = RenderMessage(2, Page(9_600_000));
        var peakBefore = server.PeakResidentBytes();

        await server.SendBytesAsync(message);
        using var answer = await server.ReadAnswerAsync("2");
        var growth = server.PeakResidentBytes() - peakBefore;
        output.WriteLine($"render_page: {message.Length / 1024 / 1024} MiB message, peak resident memory +{growth / 1024 / 1024} MiB");

        var result = answer.RootElement.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText()[..Math.Min(2000, result.GetRawText().Length)]);
        var image = result.GetProperty("content").EnumerateArray().First(c => c.GetProperty("type").GetString() == "image");
        var render = new ImageDecoder(new ImagingOptions()).Decode(Convert.FromBase64String(image.GetProperty("data").GetString()!), "render");
        Assert.Equal((255, 0, 0), Rgb(render, 50, 50));
        Assert.Equal((0, 0, 255), Rgb(render, 250, 50));
        Assert.Equal((255, 255, 255), Rgb(render, 150, 200));
        Assert.True(growth <= 2L * message.Length + RuntimeAllowance,
            $"peak resident memory grew by {growth / 1024 / 1024} MiB for a {message.Length / 1024 / 1024} MiB message");
    }

    /// <summary>A <paramref name="side"/>² 16-bit RGBA PNG, mid grey, with a red 100×100 square at (200, 300) when <paramref name="square"/>.</summary>
    private static byte[] Png16(int side, bool square, CompressionLevel compression)
    {
        var rows = new byte[side][];
        for (var y = 0; y < side; y++)
        {
            var row = rows[y] = new byte[side * 8];
            for (var x = 0; x < side; x++)
            {
                var red = square && x is >= 200 and < 300 && y is >= 300 and < 400;
                var pixel = row.AsSpan(x * 8, 8);
                pixel.Fill(0x80);
                if (red)
                {
                    pixel[..2].Fill(0xFF);
                    pixel[2..6].Clear();
                }
                pixel[6..].Fill(0xFF);
            }
        }
        return PngBuilder.Build(side, side, PngBuilder.Rgba, 16, rows, compression: compression);
    }

    /// <summary>
    /// A red square first, then <paramref name="fillerChars"/> of comment text with quotes, newlines and non-ASCII
    /// letters (escaped in JSON), and a blue square last: the blue one shows only when the whole text arrived.
    /// </summary>
    private static string Page(int fillerChars)
    {
        var filler = new StringBuilder();
        while (filler.Length < fillerChars)
            filler.Append("Ünïcödé \"quoted\" text\nwith € signs, tabs\tand <b>tags</b> in a comment. ");
        return "<html><body style=\"margin:0;background:#fff\"><div style=\"position:absolute;left:0;top:0;width:100px;height:100px;background:#f00\"></div><!-- " +
               filler + " --><div style=\"position:absolute;left:200px;top:0;width:100px;height:100px;background:#00f\"></div></body></html>";
    }

    /// <summary>A <c>render_page</c> call as a client writes it (method before params; JSON escaping only what it must).</summary>
    private static byte[] RenderMessage(int id, string html) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        jsonrpc = "2.0",
        id,
        method = "tools/call",
        @params = new { name = "render_page", arguments = new { html, width = 400, height = 300 } },
    }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    private static string SmallDiff(int id, string image) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"visual_diff\",\"arguments\":{\"before\":\"" + image +
        "\",\"after\":\"" + image + "\"}}}";

    private static (int R, int G, int B) Rgb(RgbaImage image, int x, int y)
    {
        var pixel = image.Row(y).Slice(x * RgbaImage.BytesPerPixel, 3);
        return (pixel[0], pixel[1], pixel[2]);
    }
}
