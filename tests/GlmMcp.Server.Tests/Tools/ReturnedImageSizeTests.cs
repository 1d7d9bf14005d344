using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkiaSharp;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>Returned images fit a long side (1568 by default, the setting, or the call's <c>max_image_side</c>); files and measurements keep full resolution.</summary>
public sealed class ReturnedImageSizeTests
{
    private const string WidePage = "<body style=\"margin:0;background:linear-gradient(90deg,#f00,#00f)\"></body>";

    private static (int Width, int Height) SizeOf(ImageContentBlock image)
    {
        using var bitmap = SKBitmap.Decode(image.DecodedData.ToArray());
        return (bitmap.Width, bitmap.Height);
    }

    private static (int, int, int, int) Sizes(JsonElement image) =>
        (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(),
         image.GetProperty("fullWidth").GetInt32(), image.GetProperty("fullHeight").GetInt32());

    private static async Task<CallToolResult> RenderAsync(StdioServer server, int? maxImageSide)
    {
        var arguments = new Dictionary<string, object?> { ["html"] = WidePage, ["width"] = 2000, ["height"] = 500, ["device_scale_factor"] = 2 };
        if (maxImageSide is { } side)
            arguments["max_image_side"] = side;
        var result = await server.Client.CallToolAsync("render_page", arguments);
        Assert.True(result.IsError != true, result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text);
        return result;
    }

    [Fact]
    public async Task A_4000_pixel_render_comes_back_1568_pixels_wide_unless_the_call_asks_for_another_size_and_says_both_sizes()
    {
        await using var server = await StdioServer.StartAsync();

        var capped = await RenderAsync(server, null);
        var smaller = await RenderAsync(server, 500);
        var full = await RenderAsync(server, 0);

        Assert.Equal((1568, 392), SizeOf(Assert.IsType<ImageContentBlock>(capped.Content[0])));
        Assert.Equal((1568, 392, 4000, 1000), Sizes(capped.StructuredContent!.Value.GetProperty("image")));
        Assert.Equal(4000, capped.StructuredContent!.Value.GetProperty("width").GetInt32());
        Assert.Contains("\"fullWidth\":4000", Assert.IsType<TextContentBlock>(capped.Content[1]).Text);
        Assert.Equal((500, 125), SizeOf(Assert.IsType<ImageContentBlock>(smaller.Content[0])));
        Assert.Equal((4000, 1000), SizeOf(Assert.IsType<ImageContentBlock>(full.Content[0])));
        Assert.Equal((4000, 1000, 4000, 1000), Sizes(full.StructuredContent!.Value.GetProperty("image")));
    }

    [Fact]
    public async Task The_setting_changes_the_default_size()
    {
        await using var server = await StdioServer.StartAsync(environment: new Dictionary<string, string?> { ["GLM_MCP_Imaging__MaxReturnedImageSide"] = "800" });

        var capped = await RenderAsync(server, null);

        Assert.Equal((800, 200), SizeOf(Assert.IsType<ImageContentBlock>(capped.Content[0])));
    }

    [Fact]
    public async Task Visual_diff_measures_and_writes_at_full_resolution_returns_the_picture_capped_and_returns_none_for_identical_images()
    {
        await using var server = await StdioServer.StartAsync();
        var before = RgbaImage.CreateFilled(3200, 1800, 255, 255, 255, 255);
        var after = before.Clone();
        for (var y = 100; y < 110; y++)
        {
            for (var x = 3000; x < 3010; x++)
                after.SetPixel(x, y, 0, 0, 0, 255);
        }
        server.WorkingDirectory.Write("before.png", ImageEncoder.EncodePng(before));
        server.WorkingDirectory.Write("after.png", ImageEncoder.EncodePng(after));

        var changed = await server.Client.CallToolAsync("visual_diff",
            new Dictionary<string, object?> { ["before"] = "before.png", ["after"] = "after.png", ["output_path"] = "diff.png" });
        var unwritten = await server.Client.CallToolAsync("visual_diff", new Dictionary<string, object?> { ["before"] = "before.png", ["after"] = "after.png" });
        var same = await server.Client.CallToolAsync("visual_diff", new Dictionary<string, object?> { ["before"] = "before.png", ["after"] = "before.png" });

        Assert.True(changed.IsError != true, Assert.IsType<TextContentBlock>(changed.Content[0]).Text);
        var structured = changed.StructuredContent!.Value;
        Assert.Equal(100, structured.GetProperty("diffPixels").GetInt64());
        var region = structured.GetProperty("regions")[0];
        Assert.Equal((3000, 100), (region.GetProperty("x").GetInt32(), region.GetProperty("y").GetInt32()));
        Assert.Equal((1568, 882), SizeOf(Assert.Single(changed.Content.OfType<ImageContentBlock>())));
        Assert.Equal((1568, 882, 3200, 1800), Sizes(structured.GetProperty("diffImage")));
        using (var written = SKBitmap.Decode(server.WorkingDirectory.File("diff.png")))
            Assert.Equal((3200, 1800), (written.Width, written.Height));
        // Without output_path only the returned picture is encoded; it is the same picture.
        Assert.Equal(Assert.Single(changed.Content.OfType<ImageContentBlock>()).DecodedData.ToArray(), Assert.Single(unwritten.Content.OfType<ImageContentBlock>()).DecodedData.ToArray());
        Assert.True(same.StructuredContent!.Value.GetProperty("identical").GetBoolean());
        Assert.Empty(same.Content.OfType<ImageContentBlock>());
        Assert.False(same.StructuredContent!.Value.TryGetProperty("diffImage", out _));
    }
}
