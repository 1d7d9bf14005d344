using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// <c>render_page</c> with a real Chromium behind it: its contract in process (one shared Chromium), and end to end on
/// the real server process over stdio and HTTP, where Chromium's start and fate belong to the process.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class RenderPageToolTests(SharedChromium chromium)
{
    /// <summary>Short, so the endless-script case does not hold the test for the default 15 s.</summary>
    private const string RenderTimeoutSeconds = "3";

    [Fact]
    public async Task Tools_list_shows_render_page_with_its_arguments_and_read_only_hints()
    {
        await using var server = await InProcessServer.StartAsync();

        var tools = await server.Client.ListToolsAsync();

        var tool = Assert.Single(tools, t => t.Name == "render_page").ProtocolTool;
        var properties = tool.InputSchema.GetProperty("properties");
        foreach (var name in new[] { "html", "path", "url", "width", "height", "full_page", "device_scale_factor", "wait_for_ms", "format" })
            Assert.True(properties.TryGetProperty(name, out _), $"argument {name} is missing from the schema");
        Assert.Equal(1280, properties.GetProperty("width").GetProperty("default").GetInt32());
        Assert.Equal(800, properties.GetProperty("height").GetProperty("default").GetInt32());
        Assert.Equal("png", properties.GetProperty("format").GetProperty("default").GetString());
        Assert.True(tool.Annotations?.ReadOnlyHint);
        Assert.False(tool.Annotations?.DestructiveHint);
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Over_stdio_a_red_square_renders_pixel_exact_and_bad_inputs_are_tool_errors_and_no_chromium_outlives_the_server()
    {
        var server = await StdioServer.StartAsync(["--render-timeout", RenderTimeoutSeconds]);
        var folder = server.WorkingDirectory.Path;
        try
        {
            await RenderRedSquareAsync(server.Client);
            await BadInputsAreToolErrorsAsync(server.Client, server.WorkingDirectory);
            await RenderRedSquareAsync(server.Client);
            Assert.NotEmpty(ChromiumLeftovers.In(folder));
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Empty(await ChromiumLeftovers.AfterAsync(folder, TimeSpan.FromSeconds(10)));
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Over_http_a_red_square_renders_pixel_exact_and_bad_inputs_are_tool_errors_and_no_chromium_outlives_the_server()
    {
        var server = await HttpServer.StartAsync("--render-timeout", RenderTimeoutSeconds);
        var folder = server.WorkingDirectory.Path;
        try
        {
            await using var client = await server.ConnectAsync();
            await RenderRedSquareAsync(client);
            await BadInputsAreToolErrorsAsync(client, server.WorkingDirectory);
            await RenderRedSquareAsync(client);
            Assert.NotEmpty(ChromiumLeftovers.In(folder));
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Empty(await ChromiumLeftovers.AfterAsync(folder, TimeSpan.FromSeconds(10)));
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Chromium_starts_once_the_client_has_connected_before_any_render_and_stops_with_the_server()
    {
        var server = await StdioServer.StartAsync(["--log-level", "Information"]);
        var folder = server.WorkingDirectory.Path;
        try
        {
            var running = await ChromiumLeftovers.StartedAsync(folder, TimeSpan.FromSeconds(60));
            Assert.True(running.Count > 0, "no Chromium started after the handshake; the server logged:\n" + string.Join("\n", server.Stderr));
            await RenderRedSquareAsync(server.Client);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Empty(await ChromiumLeftovers.AfterAsync(folder, TimeSpan.FromSeconds(10)));
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task With_prelaunch_false_chromium_starts_at_the_first_render()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);
        var folder = server.WorkingDirectory.Path;

        // The handshake is done and the tools are listed; a prelaunch would have started Chromium by now (the test above).
        Assert.NotEmpty(await server.Client.ListToolsAsync());
        Assert.Empty(await ChromiumLeftovers.StartedAsync(folder, TimeSpan.FromSeconds(3)));
        await RenderRedSquareAsync(server.Client);
        Assert.NotEmpty(ChromiumLeftovers.In(folder));
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Chromium_exits_even_when_the_server_is_killed_without_a_chance_to_clean_up()
    {
        var server = await HttpServer.StartAsync();
        var folder = server.WorkingDirectory.Path;
        try
        {
            await using (var client = await server.ConnectAsync())
                await RenderRedSquareAsync(client);
            Assert.NotEmpty(ChromiumLeftovers.In(folder));

            using (var process = System.Diagnostics.Process.GetProcessById(server.ProcessId))
            {
                process.Kill(entireProcessTree: false);
                await process.WaitForExitAsync();
            }

            Assert.Empty(await ChromiumLeftovers.AfterAsync(folder, TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Over_http_a_session_flooding_the_pool_with_endless_scripts_does_not_queue_another_sessions_render_behind_its_backlog()
    {
        await using var server = await HttpServer.StartAsync("--render-timeout", "8");
        await using var flooding = await server.ConnectAsync();
        await using var other = await server.ConnectAsync();
        await RenderRedSquareAsync(other);
        var hung = new Dictionary<string, object?> { ["html"] = "<script>while(true){}</script>", ["width"] = 100, ["height"] = 100 };

        // Two run, two wait behind them (each waits at most its own budget plus start-up), all four time out.
        var loops = Enumerable.Range(0, 4).Select(_ => flooding.CallToolAsync("render_page", hung).AsTask()).ToArray();
        await RenderRedSquareAsync(other);

        Assert.Contains(loops, t => !t.IsCompleted);
        foreach (var result in await Task.WhenAll(loops))
        {
            Assert.True(result.IsError);
            Assert.Contains("did not finish", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_under_the_working_directory_renders_with_its_stylesheet()
    {
        await using var server = await InProcessServer.StartAsync(renderer: chromium.Renderer);
        server.WorkingDirectory.Write("square.css", "div{position:absolute;left:40px;top:60px;width:100px;height:100px;background:#ff0000}");
        var page = server.WorkingDirectory.Write("index.html", "<link rel=stylesheet href=square.css><body style=\"margin:0;background:#fff\"><div></div>");

        var result = await server.Client.CallToolAsync("render_page", new Dictionary<string, object?> { ["path"] = page, ["width"] = 320, ["height"] = 240 });

        Assert.NotEqual(true, result.IsError);
        RenderPages.AssertRedSquare(Assert.IsType<ImageContentBlock>(result.Content[0]).DecodedData.Span, 320, 240);
    }

    private static async Task RenderRedSquareAsync(McpClient client)
    {
        var result = await client.CallToolAsync("render_page", new Dictionary<string, object?>
        {
            ["html"] = RenderPages.RedSquareHtml,
            ["width"] = 320,
            ["height"] = 240,
        });

        Assert.NotEqual(true, result.IsError);
        var image = Assert.IsType<ImageContentBlock>(result.Content[0]);
        Assert.Equal("image/png", image.MimeType);
        RenderPages.AssertRedSquare(image.DecodedData.Span, 320, 240);
        using var metrics = JsonDocument.Parse(Assert.IsType<TextContentBlock>(result.Content[1]).Text);
        Assert.Equal(320, metrics.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(240, metrics.RootElement.GetProperty("height").GetInt32());
        Assert.True(metrics.RootElement.GetProperty("elapsedMs").GetInt64() >= 0);
        Assert.Equal(0, metrics.RootElement.GetProperty("blockedRequests").GetArrayLength());
        Assert.Equal(0, metrics.RootElement.GetProperty("consoleErrors").GetArrayLength());
    }

    private static async Task BadInputsAreToolErrorsAsync(McpClient client, TempFolder workingDirectory)
    {
        using var elsewhere = new TempFolder();
        var outside = elsewhere.Write("outside.html", "<p>outside</p>");
        var cases = new (Dictionary<string, object?> Arguments, string Named)[]
        {
            (new() { }, "Nothing to render"),
            (new() { ["html"] = "<p>x</p>", ["url"] = "http://127.0.0.1:9/" }, "exactly one of 'html', 'path' or 'url'"),
            (new() { ["path"] = outside }, "outside the allowed roots"),
            (new() { ["path"] = workingDirectory.File("missing.html") }, "file not found"),
            (new() { ["url"] = "https://example.com/" }, "not a loopback host"),
            (new() { ["html"] = "<p>x</p>", ["width"] = 0 }, "'width' must be between 1 and 16384"),
            (new() { ["html"] = "<p>x</p>", ["width"] = 100000 }, "'width' must be between 1 and 16384"),
            (new() { ["html"] = "<p>x</p>", ["format"] = "gif" }, "'format' must be one of png, jpeg"),
            (new() { ["html"] = "<script>while(true){}</script>" }, "did not finish loading and rendering within 3 s"),
        };
        foreach (var (arguments, named) in cases)
        {
            var result = await client.CallToolAsync("render_page", arguments);

            Assert.True(result.IsError, $"no error for {JsonSerializer.Serialize(arguments)}");
            var message = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
            Assert.Contains(named, message, StringComparison.Ordinal);
        }

        var fetching = await client.CallToolAsync("render_page", new Dictionary<string, object?>
        {
            ["html"] = "<img src=\"https://example.com/pixel.gif\" style=\"display:none\"><p>still renders</p>",
            ["width"] = 200,
            ["height"] = 100,
        });
        Assert.NotEqual(true, fetching.IsError);
        Assert.IsType<ImageContentBlock>(fetching.Content[0]);
        using var metrics = JsonDocument.Parse(Assert.IsType<TextContentBlock>(fetching.Content[1]).Text);
        Assert.Equal("https://example.com/pixel.gif", Assert.Single(metrics.RootElement.GetProperty("blockedRequests").EnumerateArray()).GetString());
    }
}
