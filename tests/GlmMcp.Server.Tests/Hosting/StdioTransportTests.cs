using System.Diagnostics;
using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace GlmMcp.Server.Tests.Hosting;

[Trait("Category", "EndToEnd")]
public sealed class StdioTransportTests
{
    [Fact]
    public async Task The_server_answers_initialize_with_its_name_and_version()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);

        Assert.Equal("glm-mcp", server.Client.ServerInfo!.Name);
        Assert.False(string.IsNullOrEmpty(server.Client.ServerInfo!.Version));
    }

    [Fact]
    public async Task Initialize_advertises_tools_prompts_and_resources_and_each_list_is_complete_right_after_it()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);

        var capabilities = server.Client.ServerCapabilities;
        Assert.NotNull(capabilities.Tools);
        Assert.NotNull(capabilities.Prompts);
        Assert.NotNull(capabilities.Resources);
        // The catalog is still being built when initialize is answered; the lists wait for it rather than come back short.
        var lists = await Task.WhenAll(
            server.Client.ListToolsAsync().AsTask().ContinueWith(t => t.Result.Select(x => x.Name).Order().ToArray()),
            server.Client.ListPromptsAsync().AsTask().ContinueWith(t => t.Result.Select(x => x.Name).Order().ToArray()),
            server.Client.ListResourceTemplatesAsync().AsTask().ContinueWith(t => t.Result.Select(x => x.Name).Order().ToArray()));
        Assert.Equal(["describe_image", "locate_and_edit", "render_page", "screenshot_to_code", "session_undo", "visual_diff"], lists[0]);
        Assert.Equal(["fix_visual_bug", "replicate_ui"], lists[1]);
        Assert.Equal(["session_code", "session_render"], lists[2]);
    }

    [Fact]
    public async Task Unknown_tool_prompt_and_resource_names_are_protocol_errors_that_name_them()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);

        var tool = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.CallToolAsync("render_pages").AsTask());
        Assert.Contains("render_pages", tool.Message);
        var prompt = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.GetPromptAsync("replicate").AsTask());
        Assert.Contains("replicate", prompt.Message);
        var resource = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.ReadResourceAsync("glm-mcp://nothing/here").AsTask());
        Assert.Contains("glm-mcp://nothing/here", resource.Message);
        Assert.Equal("glm-mcp", server.Client.ServerInfo!.Name);
        Assert.NotEmpty(await server.Client.ListToolsAsync());
    }

    [Fact]
    public async Task Stdout_carries_only_json_rpc_while_debug_logs_go_to_stderr()
    {
        using var folder = new TempFolder();
        var info = new ProcessStartInfo(ServerBinary.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        info.ArgumentList.Add("--log-level");
        info.ArgumentList.Add("Debug");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await process.StandardInput.FlushAsync();

        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (lines.Count < 2 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            lines.Add(line);
        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        lines.AddRange(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, lines.Count);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("2.0", json.RootElement.GetProperty("jsonrpc").GetString());
        }
        Assert.Contains("dbug", await stderr);
    }

    [Fact]
    public async Task A_root_folder_that_does_not_exist_stops_the_server_with_a_message_naming_the_setting()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "serve", "--root", "/no/such/folder");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Security:Roots (--root): folder not found: /no/such/folder", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task A_settings_file_and_environment_configure_the_server()
    {
        using var folder = new TempFolder();
        var settings = folder.Write("settings.json", """{ "Http": { "Port": 70000 } }""");

        var run = await CliRun.RunAsync(folder.Path, "serve", "--settings", settings);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Http:Port (--port) must be 0–65535, got 70000", run.Stderr);
    }

    [Fact]
    public async Task Bad_values_in_two_sections_stop_the_server_with_both_named()
    {
        using var folder = new TempFolder();
        var settings = folder.Write("settings.json", """{ "Rendering": { "ExtraArgs": [ "lang=de" ] }, "Engine": { "Local": { "TopP": 2 } } }""");

        var run = await CliRun.RunAsync(folder.Path, "serve", "--settings", settings);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Rendering:ExtraArgs must be Chromium switches starting with '--', got 'lang=de'.", run.Stderr);
        Assert.Contains("Setting Engine:Local:TopP is 2; it must be above 0 and at most 1.", run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
    }

    [Fact]
    public async Task A_missing_settings_file_is_named()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "serve", "--settings", folder.File("absent.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--settings: file not found", run.Stderr);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("doctor")]
    [InlineData("bench")]
    [InlineData("bench startup")]
    public async Task Every_verb_has_help(string verb)
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, [.. verb.Split(' '), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
    }
}
