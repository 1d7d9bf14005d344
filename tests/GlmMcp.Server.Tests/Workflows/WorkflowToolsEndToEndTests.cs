using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Inference.Local.Gguf;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// The two workflow tools end to end: through the real server process over stdio on a scripted OpenAI-compatible engine,
/// and in process on the tiny real local model. Target screenshots and the in-process server share one Chromium.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class WorkflowToolsEndToEndTests(SharedChromium chromium)
{
    private const string Page = """
        <!DOCTYPE html><html><head><style>body{margin:0} .bar{height:40px;background:#1f3a93} button{margin:20px;width:120px;height:40px}</style></head>
        <body><div class="bar"></div><button id="go">Go</button></body></html>
        """;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(3);

    private static async Task<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        return await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token);
    }

    private async Task<byte[]> TargetPngAsync(string html, int width, int height) =>
        (await chromium.Renderer.RenderAsync(new GlmMcp.Core.Rendering.RenderRequest { Html = html, Width = width, Height = height })).Image;

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Screenshot_to_code_then_locate_and_edit_over_stdio_save_versions_that_are_resources()
    {
        var replies = new Queue<string>(["```html\n" + Page + "\n```", "```html\n<button id=\"go\" style=\"background:#123a8c;color:#fff\">Go</button>\n```"]);
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion(replies.Dequeue())));
        using var workspace = new TempFolder();
        await using var server = await StdioServer.StartAsync(
            ["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"],
            new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path });
        server.WorkingDirectory.Write("shot.png", await TargetPngAsync(Page, 400, 200));

        var generated = await CallAsync(server.Client, "screenshot_to_code", new() { ["image"] = "shot.png", ["max_rounds"] = 2, ["output_path"] = "page.html" });

        Assert.True(generated.IsError != true, Assert.IsType<TextContentBlock>(generated.Content[0]).Text + string.Join("\n", server.Stderr));
        using var summary = JsonDocument.Parse(Assert.IsType<TextContentBlock>(generated.Content[0]).Text);
        var session = summary.RootElement.GetProperty("sessionId").GetString()!;
        Assert.Equal(100, summary.RootElement.GetProperty("score").GetProperty("total").GetDouble());
        Assert.Equal(1, summary.RootElement.GetProperty("rounds").GetArrayLength());
        var code = Assert.IsType<TextResourceContents>(Assert.IsType<EmbeddedResourceBlock>(generated.Content[1]).Resource);
        Assert.Equal($"glm-mcp://sessions/{session}/1/index.html", code.Uri);
        Assert.Equal(Page, code.Text);
        Assert.Equal(Page, await File.ReadAllTextAsync(server.WorkingDirectory.File("page.html")));
        Assert.Equal("image/png", Assert.IsType<ImageContentBlock>(generated.Content[2]).MimeType);

        var edited = await CallAsync(server.Client, "locate_and_edit", new()
        {
            ["instruction"] = "make the Go button dark blue",
            ["session_id"] = session,
            ["region"] = new Dictionary<string, int> { ["x"] = 15, ["y"] = 55, ["width"] = 130, ["height"] = 50 },
        });

        Assert.True(edited.IsError != true, Assert.IsType<TextContentBlock>(edited.Content[0]).Text);
        var texts = edited.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.Equal("Edit accepted.", texts[0]);
        using var editSummary = JsonDocument.Parse(texts[1]);
        Assert.Equal(2, editSummary.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(0, editSummary.RootElement.GetProperty("changedOutside").GetInt64());
        Assert.Contains("+<body><div class=\"bar\"></div><button id=\"go\" style=\"background:#123a8c;color:#fff\">Go</button></body></html>", texts[2]);
        Assert.Equal(2, edited.Content.OfType<ImageContentBlock>().Count());

        var resources = (await server.Client.ListResourcesAsync()).Select(r => r.Uri).ToList();
        Assert.Contains($"glm-mcp://sessions/{session}/2/render.png", resources);
        var undo = await CallAsync(server.Client, "session_undo", new() { ["session_id"] = session });
        Assert.Contains("\"version\":1", Assert.IsType<TextContentBlock>(undo.Content[0]).Text);
    }

    [Fact]
    public async Task Locate_and_edit_on_a_page_with_a_stylesheet_shows_its_rules_and_files_and_session_undo_writes_both_files_back()
    {
        const string Html = "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"css/site.css\"></head>\n<body><button id=\"go\" class=\"btn\">Go</button><button class=\"btn\">Stop</button></body></html>\n";
        const string Css = "body { margin: 0 }\n.btn { margin: 20px; width: 120px; height: 40px; background: #ddd }\n";
        var replies = new Queue<string>(["```html\n<button id=\"go\" class=\"btn btn-dark\">Go</button>\n```\n```css css/site.css\n.btn-dark { background: #1e3a8a; color: #fff }\n```"]);
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion(replies.Dequeue())));
        using var workspace = new TempFolder();
        await using var server = await InProcessServer.StartAsync(
            ["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"],
            new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path }, renderer: chromium.Renderer);
        Directory.CreateDirectory(server.WorkingDirectory.File("site/css"));
        var index = server.WorkingDirectory.Write("site/index.html", Html);
        var sheet = server.WorkingDirectory.Write("site/css/site.css", Css);

        var edited = await CallAsync(server.Client, "locate_and_edit", new()
        {
            ["instruction"] = "make the Go button dark blue",
            ["path"] = index,
            ["width"] = 400,
            ["height"] = 100,
            ["region"] = new Dictionary<string, int> { ["x"] = 15, ["y"] = 15, ["width"] = 130, ["height"] = 50 },
        });

        var texts = edited.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.True(edited.IsError != true, texts[0]);
        Assert.Equal("Edit accepted.", texts[0]);
        using var summary = JsonDocument.Parse(texts[1]);
        Assert.Equal("css/site.css", summary.RootElement.GetProperty("rules")[0].GetProperty("file").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("rules")[0].GetProperty("line").GetInt32());
        Assert.Equal(["index.html", "css/site.css"], summary.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("--- a/css/site.css", texts[2]);
        Assert.Contains("btn-dark", await File.ReadAllTextAsync(sheet));

        var undo = await CallAsync(server.Client, "session_undo", new() { ["session_id"] = summary.RootElement.GetProperty("sessionId").GetString() });

        using var undone = JsonDocument.Parse(Assert.IsType<TextContentBlock>(undo.Content[0]).Text);
        Assert.Equal(2, undone.RootElement.GetProperty("restoredFiles").GetArrayLength());
        Assert.Equal(Html, await File.ReadAllTextAsync(index));
        Assert.Equal(Css, await File.ReadAllTextAsync(sheet));
    }

    [Fact]
    public async Task On_the_tiny_real_model_both_tools_end_cleanly_with_a_low_score_or_no_code()
    {
        using var models = new TempFolder();
        var model = models.File("tiny.gguf");
        var projector = models.File("tiny-mmproj.gguf");
        SyntheticGgufWriter.WriteTextModel(model);
        SyntheticGgufWriter.WriteVisionProjector(projector);
        using var workspace = new TempFolder();
        await using var server = await InProcessServer.StartAsync(
            ["--engine", "local", "--model", model, "--mmproj", projector],
            new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path }, renderer: chromium.Renderer);
        var shot = server.WorkingDirectory.Write("shot.png", await TargetPngAsync(Page, 112, 84));
        var page = server.WorkingDirectory.Write("page.html", Page);

        var generated = await CallAsync(server.Client, "screenshot_to_code", new() { ["image"] = shot, ["max_rounds"] = 1 });

        Assert.NotEqual(true, generated.IsError);
        var first = Assert.IsType<TextContentBlock>(generated.Content[0]).Text;
        if (first.StartsWith("No code produced", StringComparison.Ordinal))
            Assert.Matches("^No code produced: the model('s answers in 1 round\\(s\\) held no HTML| returned empty answers)", first);
        else
            Assert.True(JsonDocument.Parse(first).RootElement.GetProperty("score").GetProperty("total").GetDouble() < 100);

        var edited = await CallAsync(server.Client, "locate_and_edit", new()
        {
            ["instruction"] = "make it blue",
            ["path"] = page,
            ["width"] = 200,
            ["height"] = 100,
            ["region"] = new Dictionary<string, int> { ["x"] = 15, ["y"] = 55, ["width"] = 130, ["height"] = 45 },
        });

        Assert.NotEqual(true, edited.IsError);
        Assert.StartsWith("Edit ", Assert.IsType<TextContentBlock>(edited.Content[0]).Text);
    }
}
