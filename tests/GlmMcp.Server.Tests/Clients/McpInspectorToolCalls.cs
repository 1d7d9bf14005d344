using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Clients;

/// <summary>
/// What the MCP Inspector tests (<see cref="McpInspectorStdioTests"/>, <see cref="McpInspectorHttpTests"/>) share: a
/// scripted GLM-4.6V server and one call of every tool with <c>--tool-arg key=value</c> arguments, checked for its effect.
/// </summary>
internal static class McpInspectorToolCalls
{
    private const string Page = """
        <!DOCTYPE html><html><head><style>body{margin:0} .bar{height:40px;background:#1f3a93} button{margin:20px;width:120px;height:40px}</style></head>
        <body><div class="bar"></div><button id="go">Go</button></body></html>
        """;

    private const string EditedButton = """<button id="go" style="background:#123a8c;color:#fff">Go</button>""";

    /// <summary>What the scripted GLM-4.6V answers, by what it is asked.</summary>
    private static string Reply(string request) => request switch
    {
        // The Go button is at x 20–140, y 60–100 of the 400×200 page; GLM gives boxes in thousandths.
        _ when request.Contains("Help me to locate", StringComparison.Ordinal) => "<|begin_of_box|>[[45,275,365,525]]<|end_of_box|>",
        _ when request.Contains("You edit one element", StringComparison.Ordinal) => "```html\n" + EditedButton + "\n```",
        _ when request.Contains("rebuilds web pages", StringComparison.Ordinal) => "```html\n" + Page + "\n```",
        _ => "A dark blue bar above a Go button.",
    };

    /// <summary>describe_image streams its answer; the workflows ask for whole answers.</summary>
    public static LoopbackHttpServer ScriptedModel() =>
        new((context, request) => request.Json.TryGetProperty("stream", out var stream) && stream.GetBoolean()
            ? VllmReplies.WriteStreamAsync(context, [], [Reply(request.BodyText)])
            : VllmReplies.WriteJsonAsync(context, VllmReplies.Completion(Reply(request.BodyText))));

    /// <summary>
    /// tools/list, then one call of every listed tool (a tool the list has and this test does not call fails it), each
    /// checked for its effect. <paramref name="folder"/> is the server's working directory, so its allowed root.
    /// </summary>
    public static async Task ListAndCallEveryToolAsync(string folder, params string[] server)
    {
        var called = new HashSet<string>();
        async Task<JsonElement> CallAsync(string tool, params string[] arguments)
        {
            lock (called)
                called.Add(tool);
            var result = McpInspector.Output(await McpInspector.RunAsync(folder,
                [.. server, "--method", "tools/call", "--tool-name", tool, .. arguments.SelectMany(a => new[] { "--tool-arg", a })]));
            Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), $"{tool}: {result}");
            return result;
        }
        var shot = await CliRun.RunAsync(folder, "render", "--html-file", WritePage(folder), "--out", Path.Join(folder, "shot.png"), "--width", "400", "--height", "200");
        Assert.Equal(0, shot.ExitCode);
        File.Copy(ImageFixtures.Path("text-before.png"), Path.Join(folder, "before.png"));
        File.Copy(ImageFixtures.Path("text-after.png"), Path.Join(folder, "after.png"));

        // Each inspector run is a node process (and over stdio a server of its own), so the calls that do not depend
        // on each other run side by side; screenshot_to_code, locate_and_edit and session_undo build on each other.
        async Task<HashSet<string>> ListAsync() =>
            McpInspector.Output(await McpInspector.RunAsync(folder, [.. server, "--method", "tools/list"]))
                .GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToHashSet();

        async Task RenderAsync()
        {
            var rendered = await CallAsync("render_page", $"html={Page}", "width=400", "height=200", "full_page=false", "device_scale_factor=1", "wait_for_ms=0", "format=png");
            Assert.Contains(Blocks(rendered), b => b.GetProperty("type").GetString() == "image");
        }

        async Task DiffAsync()
        {
            var diff = await CallAsync("visual_diff", "before=before.png", "after=after.png", "threshold=0.1", "include_antialiasing=false",
                "size_mismatch=fail", "diff_image=overlay", "merge_distance=8", "explain=false", "output_path=diff.png");
            Assert.Equal(ImageFixtures.TextPairChangedPixels, Find(diff, "diffPixels")?.GetInt64());
            Assert.True(File.Exists(Path.Join(folder, "diff.png")));
        }

        async Task DescribeAsync()
        {
            var described = await CallAsync("describe_image", "image=shot.png", "mode=describe", "prompt=What is on it?", "max_tokens=512", "thinking=false");
            Assert.Contains(Blocks(described), b => b.TryGetProperty("text", out var t) && t.GetString()!.Contains("Go button", StringComparison.Ordinal));
        }

        async Task GenerateEditAndUndoAsync()
        {
            var generated = await CallAsync("screenshot_to_code", "image=shot.png", "stack=html", "max_rounds=1", "target_score=90", "output_path=page.html",
                "width=400", "height=200", "device_scale_factor=1");
            Assert.NotNull(Find(generated, "sessionId"));
            Assert.Equal(Page, await File.ReadAllTextAsync(Path.Join(folder, "page.html")));

            var edited = await CallAsync("locate_and_edit", "instruction=make the Go button dark blue", "target=the Go button", "path=page.html",
                "width=400", "height=200", "device_scale_factor=1", "dry_run=false");
            Assert.True(Find(edited, "accepted")?.GetBoolean(), edited.ToString());
            Assert.Contains(EditedButton, await File.ReadAllTextAsync(Path.Join(folder, "page.html")));

            var undone = await CallAsync("session_undo", $"session_id={Find(edited, "sessionId")!.Value.GetString()}", "version=1");
            Assert.Equal(1, Find(undone, "version")?.GetInt32());
        }

        var listing = ListAsync();
        await Task.WhenAll(listing, RenderAsync(), DiffAsync(), DescribeAsync(), GenerateEditAndUndoAsync());

        Assert.Equal((await listing).Order(), called.Order());
    }

    private static string WritePage(string folder)
    {
        var path = Path.Join(folder, "source.html");
        File.WriteAllText(path, Page);
        return path;
    }

    private static IEnumerable<JsonElement> Blocks(JsonElement result) => result.GetProperty("content").EnumerateArray();

    /// <summary>
    /// The first property <paramref name="name"/> in the result: in its structured content or in a text block that holds
    /// JSON, wherever the tool puts it.
    /// </summary>
    private static JsonElement? Find(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (element.TryGetProperty(name, out var found) && found.ValueKind != JsonValueKind.Null)
                    return found;
                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value, name) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, name) is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.String when element.GetString() is { } text && text.TrimStart().StartsWith('{'):
                try
                {
                    using var json = JsonDocument.Parse(text);
                    return Find(json.RootElement, name)?.Clone();
                }
                catch (JsonException)
                {
                    return null;
                }
            default:
                return null;
        }
    }
}
