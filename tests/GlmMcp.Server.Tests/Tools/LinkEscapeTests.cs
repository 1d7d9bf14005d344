using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkiaSharp;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// Links that lead out of the roots through another link (<c>inner → /outside</c>, <c>f.png → inner/secret.png</c>),
/// through the server (in process, or the real process where a path is relative to its working directory): no tool
/// reads, writes or renders what lies outside.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class LinkEscapeTests(SharedChromium chromium) : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _outside = new();

    public void Dispose() => _outside.Dispose();

    private static async Task<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        return await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token);
    }

    private static string ErrorOf(CallToolResult result)
    {
        Assert.True(result.IsError, "expected a tool error");
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    /// <summary><c>inner</c> in <paramref name="root"/> points at the outside folder.</summary>
    private string LinkInner(TempFolder root)
    {
        Directory.CreateSymbolicLink(root.File("inner"), _outside.Path);
        return root.File("inner");
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Visual_diff_refuses_a_before_that_reaches_outside_through_a_chain_of_links_and_keeps_serving()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);
        var root = server.WorkingDirectory;
        _outside.Write("secret.png", ImageFixtures.Bytes("layout-before.png"));
        LinkInner(root);
        File.CreateSymbolicLink(root.File("f.png"), Path.Join("inner", "secret.png"));
        var good = root.Write("good.png", ImageFixtures.Bytes("layout-before.png"));

        var refused = await CallAsync(server.Client, "visual_diff", new() { ["before"] = "f.png", ["after"] = good, ["diff_image"] = "none" });
        var next = await CallAsync(server.Client, "visual_diff", new() { ["before"] = good, ["after"] = good, ["diff_image"] = "none" });

        var message = ErrorOf(refused);
        Assert.Contains("'before' is outside the allowed roots: f.png.", message);
        Assert.DoesNotContain(_outside.Path, message);
        Assert.NotEqual(true, next.IsError);
    }

    [Fact]
    public async Task Visual_diff_writes_nothing_through_an_output_path_that_leads_outside_through_a_chain_of_links()
    {
        await using var server = await InProcessServer.StartAsync();
        var root = server.WorkingDirectory;
        var existing = _outside.Write("existing.png", "keep me");
        LinkInner(root);
        File.CreateSymbolicLink(root.File("w.png"), Path.Join("inner", "new.png"));
        File.CreateSymbolicLink(root.File("x.png"), Path.Join("inner", "existing.png"));
        var good = root.Write("good.png", ImageFixtures.Bytes("layout-before.png"));

        foreach (var output in new[] { "w.png", "x.png", Path.Join("inner", "new.png") })
        {
            var result = await CallAsync(server.Client, "visual_diff", new() { ["before"] = good, ["after"] = good, ["output_path"] = output });

            var message = ErrorOf(result);
            Assert.Matches("'output_path' is (a symbolic link|outside the allowed roots)", message);
            Assert.DoesNotContain(_outside.Path, message);
        }
        Assert.False(File.Exists(_outside.File("new.png")));
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Locate_and_edit_leaves_a_file_outside_alone_when_the_path_reaches_it_through_a_chain_of_links()
    {
        const string original = "<!DOCTYPE html><html><body style=\"margin:0\"><button style=\"margin:20px;width:120px;height:40px\">Go</button></body></html>";
        var replies = new Queue<string>(["```html\n<button style=\"margin:20px;width:120px;height:40px;background:#123a8c\">Go</button>\n```"]);
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion(replies.Dequeue())));
        using var workspace = new TempFolder();
        await using var server = await StdioServer.StartAsync(
            ["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"],
            new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path });
        var secret = _outside.Write("secret.html", original);
        LinkInner(server.WorkingDirectory);
        File.CreateSymbolicLink(server.WorkingDirectory.File("f.html"), Path.Join("inner", "secret.html"));

        var result = await CallAsync(server.Client, "locate_and_edit", new()
        {
            ["instruction"] = "make the button dark blue",
            ["path"] = "f.html",
            ["width"] = 300,
            ["height"] = 100,
            ["region"] = new Dictionary<string, int> { ["x"] = 15, ["y"] = 15, ["width"] = 130, ["height"] = 50 },
        });

        var message = ErrorOf(result);
        Assert.Contains("'path' is outside the allowed roots: f.html.", message);
        Assert.DoesNotContain(_outside.Path, message);
        Assert.Equal(original, await File.ReadAllTextAsync(secret));
        Assert.Single(replies);
    }

    [Fact]
    public async Task Render_page_blocks_an_iframe_that_reaches_outside_through_a_chain_of_links()
    {
        await using var server = await InProcessServer.StartAsync(renderer: chromium.Renderer);
        var root = server.WorkingDirectory;
        _outside.Write("secret.html", "<body style=\"margin:0;background:#ff0000\">");
        LinkInner(root);
        File.CreateSymbolicLink(root.File("f.html"), Path.Join("inner", "secret.html"));
        var page = root.Write("index.html",
            "<body style=\"margin:0;background:#fff\"><iframe src=\"f.html\" style=\"border:0;width:200px;height:200px\"></iframe>");

        var result = await CallAsync(server.Client, "render_page", new() { ["path"] = page, ["width"] = 200, ["height"] = 200 });

        Assert.NotEqual(true, result.IsError);
        using var metrics = JsonDocument.Parse(Assert.IsType<TextContentBlock>(result.Content[1]).Text);
        var blocked = metrics.RootElement.GetProperty("blockedRequests").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(new Uri(root.File("f.html")).AbsoluteUri, blocked);
        using var bitmap = SKBitmap.Decode(Assert.IsType<ImageContentBlock>(result.Content[0]).DecodedData.Span);
        Assert.NotEqual(new SKColor(255, 0, 0), bitmap.GetPixel(100, 100));
    }

    [Fact]
    public async Task A_folder_or_a_missing_path_outside_the_roots_gets_the_same_answer_as_any_outside_path()
    {
        await using var server = await InProcessServer.StartAsync();
        var good = server.WorkingDirectory.Write("good.png", ImageFixtures.Bytes("layout-before.png"));

        var folder = ErrorOf(await CallAsync(server.Client, "visual_diff", new() { ["before"] = _outside.Path, ["after"] = good }));
        var missing = ErrorOf(await CallAsync(server.Client, "visual_diff", new() { ["before"] = _outside.File("nope.png"), ["after"] = good }));

        Assert.Contains("'before' is outside the allowed roots", folder);
        Assert.Contains("'before' is outside the allowed roots", missing);
        Assert.DoesNotContain("folder", folder.Split("Allowed:")[0], StringComparison.Ordinal);
    }
}
