using System.Buffers.Binary;
using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Tools;

public sealed class VisualDiffToolTests
{
    [Fact]
    public async Task Visual_diff_on_two_files_returns_the_pixelmatch_count_regions_json_structured_content_and_a_png()
    {
        await using var server = await InProcessServer.StartAsync();
        var before = server.WorkingDirectory.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        var after = server.WorkingDirectory.Write("after.png", ImageFixtures.Bytes("text-after.png"));

        var result = await CallAsync(server, new() { ["before"] = before, ["after"] = after });

        Assert.NotEqual(true, result.IsError);
        using var json = JsonDocument.Parse(Assert.IsType<TextContentBlock>(result.Content[0]).Text);
        var root = json.RootElement;
        Assert.Equal(ImageFixtures.TextPairChangedPixels, root.GetProperty("diffPixels").GetInt64());
        Assert.Equal(420, root.GetProperty("width").GetInt32());
        Assert.False(root.GetProperty("identical").GetBoolean());
        Assert.True(root.GetProperty("regions").GetArrayLength() > 0);
        Assert.True(root.GetProperty("elapsedMs").GetDouble() > 0);
        Assert.Equal(ImageFixtures.TextPairChangedPixels, result.StructuredContent!.Value.GetProperty("diffPixels").GetInt64());
        var image = Assert.IsType<ImageContentBlock>(result.Content[1]);
        Assert.Equal("image/png", image.MimeType);
        var png = image.DecodedData.ToArray();
        Assert.Equal((420, 150), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public async Task Visual_diff_on_two_base64_images_writes_the_diff_to_output_path()
    {
        await using var server = await InProcessServer.StartAsync();
        var output = server.WorkingDirectory.File("diff.png");

        var result = await CallAsync(server, new()
        {
            ["before"] = Convert.ToBase64String(ImageFixtures.Bytes("text-before.png")),
            ["after"] = "data:image/png;base64," + Convert.ToBase64String(ImageFixtures.Bytes("text-after.png")),
            ["diff_image"] = "mask",
            ["output_path"] = output,
        });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(ImageFixtures.TextPairChangedPixels, result.StructuredContent!.Value.GetProperty("diffPixels").GetInt64());
        Assert.Equal(Assert.IsType<ImageContentBlock>(result.Content[1]).DecodedData.ToArray(), await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task Each_bad_input_gives_a_clear_tool_error_and_the_server_answers_the_next_call()
    {
        await using var server = await InProcessServer.StartAsync();
        using var outside = new TempFolder();
        var folder = server.WorkingDirectory;
        var good = folder.Write("good.png", ImageFixtures.Bytes("layout-before.png"));
        var cases = new (string Before, Dictionary<string, object?> Extra, string Message)[]
        {
            (folder.Write("corrupt.png", ImageFixtures.CorruptPng()), [], "truncated or corrupt"),
            (folder.Write("huge.png", ImageFixtures.PngHeaderClaiming(100_000, 100_000)), [], "100000×100000"),
            (folder.Write("empty.png", []), [], "empty file (0 bytes)"),
            (folder.Write("notes.png", "just some notes, not pixels"), [], "is text, not an image"),
            ("http://10.0.0.1/shot.png", [], "private-network address"),
            (outside.Write("elsewhere.png", ImageFixtures.Bytes("layout-before.png")), [], "outside the allowed roots"),
            (good, new() { ["threshold"] = -0.1 }, "'threshold' must be between 0 and 1"),
            (good, new() { ["threshold"] = 1.5 }, "'threshold' must be between 0 and 1"),
        };

        foreach (var (before, extra, message) in cases)
        {
            var arguments = new Dictionary<string, object?>(extra) { ["before"] = before, ["after"] = good, ["diff_image"] = "none" };

            var bad = await CallAsync(server, arguments);
            var next = await CallAsync(server, new() { ["before"] = good, ["after"] = good, ["diff_image"] = "none" });

            Assert.True(bad.IsError, $"{before}: expected an error");
            Assert.Contains(message, Assert.IsType<TextContentBlock>(bad.Content[0]).Text);
            Assert.NotEqual(true, next.IsError);
            Assert.True(next.StructuredContent!.Value.GetProperty("identical").GetBoolean());
        }
    }

    [Fact]
    public async Task Visual_diff_is_listed_as_read_only_with_its_snake_case_arguments()
    {
        await using var server = await InProcessServer.StartAsync();

        var tool = (await server.Client.ListToolsAsync()).Single(t => t.Name == "visual_diff").ProtocolTool;

        Assert.True(tool.Annotations?.ReadOnlyHint);
        var properties = tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "before", "after", "threshold", "include_antialiasing", "ignore_regions", "size_mismatch", "diff_image", "output_path", "merge_distance" },
            properties);
    }

    private static async Task<CallToolResult> CallAsync(InProcessServer server, Dictionary<string, object?> arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await server.Client.CallToolAsync("visual_diff", arguments, cancellationToken: timeout.Token);
    }
}
