using System.Text.Json;
using Json.Schema;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// Every tool's successful result through the real server process on the openai engine, checked against the output
/// schema it declares.
/// </summary>
public sealed class ToolResultSchemaTests
{
    private const string Page = """
        <!DOCTYPE html><html><head><style>body{margin:0} .bar{height:40px;background:#1f3a93} button{margin:20px;width:120px;height:40px}</style></head>
        <body><div class="bar"></div><button id="go">Go</button></body></html>
        """;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Fails with every error the validator found when <paramref name="result"/>'s structured content does not match the tool's output schema.</summary>
    private static JsonElement AssertMatchesOutputSchema(IReadOnlyDictionary<string, Tool> tools, string name, CallToolResult result)
    {
        Assert.True(result.IsError != true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        var declared = tools[name].OutputSchema;
        Assert.True(declared.HasValue, $"{name} declares no outputSchema");
        var structured = Assert.NotNull(result.StructuredContent);
        var schema = JsonSchema.Build(declared.Value, new BuildOptions(), new Uri($"https://glm-mcp.test/{name}/output/{Guid.NewGuid():N}"));
        var evaluation = schema.Evaluate(structured, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (evaluation.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(evaluation.IsValid, $"{name}'s structured content does not match its outputSchema:\n{string.Join("\n", errors)}\n{structured.GetRawText()}");
        return structured;
    }

    private static Task ReplyAsync(System.Net.HttpListenerContext context, RecordedRequest request, Queue<string> replies)
    {
        string reply;
        lock (replies)
            reply = replies.Dequeue();
        return request.Json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True
            ? VllmReplies.WriteStreamAsync(context, [], [reply])
            : VllmReplies.WriteJsonAsync(context, VllmReplies.Completion(reply));
    }

    [Fact]
    public async Task Every_tools_structured_content_validates_against_its_declared_output_schema()
    {
        var replies = new Queue<string>(
        [
            "<|begin_of_box|>[[100,200,300,400]]<|end_of_box|>",
            "```html\n" + Page + "\n```",
            "```html\n" + Page + "\n```",
            "```html\n<button id=\"go\" style=\"background:#123a8c;color:#fff\">Go</button>\n```",
        ]);
        await using var vllm = new LoopbackHttpServer((c, r) => ReplyAsync(c, r, replies));
        using var workspace = new TempFolder();
        await using var server = await StdioServer.StartAsync(
            ["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"],
            new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path });
        using var timeout = new CancellationTokenSource(CallTimeout);
        var tools = (await server.Client.ListToolsAsync(cancellationToken: timeout.Token)).ToDictionary(t => t.Name, t => t.ProtocolTool);
        foreach (var name in new[] { "describe_image", "screenshot_to_code", "locate_and_edit", "visual_diff" })
            Assert.True(tools[name].Annotations?.OpenWorldHint, $"{name} asks a model server elsewhere: open-world");
        Assert.False(tools["render_page"].Annotations?.OpenWorldHint);
        Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?> arguments) =>
            server.Client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token).AsTask();

        var render = AssertMatchesOutputSchema(tools, "render_page",
            await CallAsync("render_page", new() { ["html"] = Page, ["width"] = 400, ["height"] = 200 }));
        Assert.Equal(400, render.GetProperty("width").GetInt32());

        server.WorkingDirectory.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        server.WorkingDirectory.Write("after.png", ImageFixtures.Bytes("text-after.png"));
        var diff = AssertMatchesOutputSchema(tools, "visual_diff",
            await CallAsync("visual_diff", new() { ["before"] = "before.png", ["after"] = "after.png" }));
        Assert.Equal(ImageFixtures.TextPairChangedPixels, diff.GetProperty("diffPixels").GetInt64());

        var pagePng = (await CallAsync("render_page", new() { ["html"] = Page, ["width"] = 400, ["height"] = 200 })).Content.OfType<ImageContentBlock>().Single();
        server.WorkingDirectory.Write("shot.png", pagePng.DecodedData.ToArray());
        var described = AssertMatchesOutputSchema(tools, "describe_image",
            await CallAsync("describe_image", new() { ["image"] = "shot.png", ["mode"] = "locate", ["prompt"] = "the Go button" }));
        Assert.Equal(1, described.GetProperty("boxes").GetArrayLength());

        var generated = AssertMatchesOutputSchema(tools, "screenshot_to_code",
            await CallAsync("screenshot_to_code", new() { ["image"] = "shot.png", ["max_rounds"] = 1 }));
        var session = generated.GetProperty("sessionId").GetString()!;
        Assert.Equal(100, generated.GetProperty("score").GetProperty("total").GetDouble());

        var project = AssertMatchesOutputSchema(tools, "screenshot_to_code",
            await CallAsync("screenshot_to_code", new() { ["image"] = "shot.png", ["max_rounds"] = 1, ["output_dir"] = "site" }));
        var written = project.GetProperty("writtenFiles").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains(Path.Join(server.WorkingDirectory.Path, "site", "index.html"), written);
        Assert.All(written, file => Assert.True(File.Exists(file), file));

        var edited = AssertMatchesOutputSchema(tools, "locate_and_edit", await CallAsync("locate_and_edit", new()
        {
            ["instruction"] = "make the Go button dark blue",
            ["session_id"] = session,
            ["region"] = new Dictionary<string, int> { ["x"] = 15, ["y"] = 55, ["width"] = 130, ["height"] = 50 },
        }));
        Assert.True(edited.GetProperty("accepted").GetBoolean());

        var undone = AssertMatchesOutputSchema(tools, "session_undo", await CallAsync("session_undo", new() { ["session_id"] = session }));
        Assert.Equal(1, undone.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Describe_image_on_a_pdf_and_a_video_validates_against_its_declared_output_schema()
    {
        var replies = new Queue<string>(["<|begin_of_box|>[[100,200,300,400]]<|end_of_box|>", "none here", "It starts red (00:00)."]);
        await using var vllm = new LoopbackHttpServer((c, r) => ReplyAsync(c, r, replies));
        await using var server = await StdioServer.StartAsync(["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v"]);
        await using var media = await TestMedia.StartAsync();
        server.WorkingDirectory.Write("report.pdf", await media.PdfAsync(TestMedia.Page("Total"), TestMedia.Page("Notes")));
        server.WorkingDirectory.Write("clip.webm", await media.VideoAsync(1.5));
        using var timeout = new CancellationTokenSource(CallTimeout);
        var tools = (await server.Client.ListToolsAsync(cancellationToken: timeout.Token)).ToDictionary(t => t.Name, t => t.ProtocolTool);

        var pdf = AssertMatchesOutputSchema(tools, "describe_image", await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = "report.pdf", ["mode"] = "locate", ["prompt"] = "the word Total" }, cancellationToken: timeout.Token));
        var video = AssertMatchesOutputSchema(tools, "describe_image", await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = "clip.webm", ["max_frames"] = 2 }, cancellationToken: timeout.Token));

        Assert.Equal(1, pdf.GetProperty("pages")[0].GetProperty("boxes").GetArrayLength());
        Assert.Equal(0, pdf.GetProperty("pages")[1].GetProperty("boxes").GetArrayLength());
        Assert.Equal(2, video.GetProperty("frames").GetArrayLength());
    }
}
