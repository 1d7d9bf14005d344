using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkiaSharp;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>What a client reads in <c>tools/list</c> about the arguments, and how the server takes what a generic client sends.</summary>
public sealed class ToolInputSchemaTests
{
    private static async Task<string> ErrorOfAsync(StdioServer server, string tool, string arguments)
    {
        var result = await server.Client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments));
        Assert.True(result.IsError, $"{tool} {arguments}: expected an error");
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    /// <summary>Every schema object in <paramref name="schema"/>, at any depth, with its path.</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> Nodes(string path, JsonElement schema)
    {
        yield return (path, schema);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                foreach (var node in Nodes($"{path}.{property.Name}", property.Value))
                    yield return node;
            }
        }
        if (schema.TryGetProperty("items", out var items))
        {
            foreach (var node in Nodes($"{path}[]", items))
                yield return node;
        }
    }

    [Fact]
    public async Task Choices_are_enums_ranges_are_minimum_and_maximum_and_optional_arguments_have_one_plain_type()
    {
        await using var server = await StdioServer.StartAsync();

        var tools = (await server.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.InputSchema);

        string[] Choices(string tool, string argument) =>
            [.. tools[tool].GetProperty("properties").GetProperty(argument).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];
        (double, double) Range(string tool, string argument)
        {
            var property = tools[tool].GetProperty("properties").GetProperty(argument);
            return (property.GetProperty("minimum").GetDouble(), property.GetProperty("maximum").GetDouble());
        }
        Assert.Equal(["describe", "ocr", "locate"], Choices("describe_image", "mode"));
        Assert.Equal(["png", "jpeg"], Choices("render_page", "format"));
        Assert.Equal(["html", "tailwind", "react", "vue"], Choices("screenshot_to_code", "stack"));
        Assert.Equal(["fail", "pad", "resize"], Choices("visual_diff", "size_mismatch"));
        Assert.Equal(["overlay", "mask", "none"], Choices("visual_diff", "diff_image"));
        Assert.Equal((1, 16384), Range("render_page", "width"));
        Assert.Equal((0.1, 4), Range("render_page", "device_scale_factor"));
        Assert.Equal((1, 10), Range("screenshot_to_code", "max_rounds"));
        Assert.Equal((0, 100), Range("screenshot_to_code", "target_score"));
        Assert.Equal((0, 1), Range("visual_diff", "threshold"));
        Assert.Equal((1, 128), Range("describe_image", "max_frames"));
        Assert.Equal((0.001, 30), Range("describe_image", "fps"));
        foreach (var (name, schema) in tools)
        {
            foreach (var (path, node) in Nodes(name, schema))
            {
                if (node.TryGetProperty("type", out var type))
                    Assert.True(type.ValueKind == JsonValueKind.String, $"{path} has the type list {type.GetRawText()}");
                if (node.TryGetProperty("default", out var value))
                    Assert.True(value.ValueKind != JsonValueKind.Null, $"{path} has a null default");
            }
        }
        var thinking = tools["describe_image"].GetProperty("properties").GetProperty("thinking");
        Assert.Equal("boolean", thinking.GetProperty("type").GetString());
    }

    [Fact]
    public async Task On_the_local_engine_no_tool_is_open_world_and_screenshot_to_code_may_overwrite_a_file()
    {
        await using var server = await StdioServer.StartAsync();

        var tools = (await server.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations!);

        Assert.All(tools.Values, annotations => Assert.False(annotations.OpenWorldHint));
        Assert.True(tools["screenshot_to_code"].DestructiveHint);
        Assert.True(tools["locate_and_edit"].DestructiveHint);
        Assert.True(tools["render_page"].ReadOnlyHint);
    }

    [Fact]
    public async Task Numbers_booleans_and_choices_sent_as_text_by_a_generic_client_are_taken_as_meant()
    {
        await using var server = await StdioServer.StartAsync();

        var result = await server.Client.CallToolAsync("render_page", new Dictionary<string, object?>
        {
            ["html"] = "<body style=\"margin:0;background:#f00\"></body>",
            ["width"] = "200",
            ["height"] = " 100 ",
            ["full_page"] = "false",
            ["device_scale_factor"] = "1.5",
            ["format"] = "JPEG",
            ["url"] = null,
        });

        Assert.True(result.IsError != true, Assert.IsType<TextContentBlock>(result.Content[^1]).Text);
        var image = Assert.IsType<ImageContentBlock>(result.Content[0]);
        Assert.Equal("image/jpeg", image.MimeType);
        using var bitmap = SKBitmap.Decode(image.DecodedData.ToArray());
        Assert.Equal((300, 150), (bitmap.Width, bitmap.Height));

        server.WorkingDirectory.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        server.WorkingDirectory.Write("after.png", ImageFixtures.Bytes("text-after.png"));
        var diff = await server.Client.CallToolAsync("visual_diff", new Dictionary<string, object?>
        {
            ["before"] = "before.png",
            ["after"] = "after.png",
            ["ignore_regions"] = """[{"x":0,"y":0,"width":420,"height":150}]""",
            ["diff_image"] = "None",
            ["include_antialiasing"] = "TRUE",
        });

        Assert.True(diff.IsError != true, Assert.IsType<TextContentBlock>(diff.Content[0]).Text);
        Assert.Equal(0, diff.StructuredContent!.Value.GetProperty("diffPixels").GetInt64());
        Assert.Empty(diff.Content.OfType<ImageContentBlock>());
    }

    [Fact]
    public async Task A_wrong_argument_is_refused_naming_it_what_it_takes_and_what_came()
    {
        await using var server = await StdioServer.StartAsync();
        var cases = new (string Tool, string Arguments, string Message)[]
        {
            ("render_page", """{"html":"<p>hi</p>","bogus":1}""", "render_page has no argument 'bogus'. Its arguments are: html, path, url, width,"),
            ("render_page", """{"html":"<p>hi</p>","format":"gif"}""", "'format' must be one of png, jpeg; got \"gif\" (a string)."),
            ("render_page", """{"html":"<p>hi</p>","width":0}""", "'width' must be between 1 and 16384, got 0."),
            ("render_page", """{"html":"<p>hi</p>","width":"wide"}""", "'width' must be an integer between 1 and 16384; got \"wide\" (a string)."),
            ("render_page", """{"html":"<p>hi</p>","full_page":"maybe"}""", "'full_page' must be true or false; got \"maybe\" (a string)."),
            ("visual_diff", """{"after":"b.png"}""", "visual_diff needs 'before': a string."),
            ("visual_diff", """{"before":null,"after":"b.png"}""", "'before' must be a string; got null."),
            ("visual_diff", """{"before":"a.png","after":"b.png","size_mismatch":"stretch"}""", "'size_mismatch' must be one of fail, pad, resize; got \"stretch\""),
            ("screenshot_to_code", """{"image":"a.png","max_rounds":11}""", "'max_rounds' must be between 1 and 10, got 11."),
            ("describe_image", """{"image":"a.png","mode":"guess"}""", "'mode' must be one of describe, ocr, locate; got \"guess\""),
            ("describe_image", """{"image":"a.webm","max_frames":500}""", "'max_frames' must be between 1 and 128, got 500."),
            ("session_undo", """{"session_id":"abc","version":0}""", "'version' must be at least 1, got 0."),
        };

        foreach (var (tool, arguments, message) in cases)
            Assert.Contains(message, await ErrorOfAsync(server, tool, arguments));
    }

    [Fact]
    public async Task A_prompt_without_its_required_argument_and_an_unknown_resource_are_protocol_errors_that_say_so()
    {
        await using var server = RawStdioServer.Start();
        await server.InitializeAsync();

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"replicate_ui","arguments":{}}}""");
        var (promptCode, promptMessage) = await server.ReadErrorAsync("1");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"glm-mcp://sessions/0123456789ab/1/index.html"}}""");
        var (resourceCode, resourceMessage) = await server.ReadErrorAsync("2");

        Assert.Equal(-32602, promptCode);
        Assert.Contains("replicate_ui needs 'image'", promptMessage);
        Assert.Equal(-32002, resourceCode);
        Assert.Contains("Resource not found", resourceMessage);
    }
}
