using GlmMcp.Core.Security;
using GlmMcp.Core.Sessions;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Resources;

public sealed class SessionResourcesTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Session_versions_are_listed_and_read_back_exactly_and_survive_a_server_restart()
    {
        using var workspace = new TempFolder();
        using var project = new TempFolder();
        var store = new SessionStore(new SessionOptions { Workspace = workspace.Path });
        using var scope = CallerRoots.Begin(new AllowedRoots([project.Path]));
        var session = await store.CreateAsync(new NewSession(320, 200, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion("<p>first ü</p>\n", Png, "generate", "make it", 88.5), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion("<p>second</p>\n", null, "edit", "bolder", null), default);
        var environment = new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path };

        for (var start = 0; start < 2; start++)
        {
            await using var server = await InProcessServer.StartAsync(["--root", project.Path], environment: environment);

            var listed = (await server.Client.ListResourcesAsync()).Select(r => r.Uri).ToList();
            Assert.Equal(
                [$"glm-mcp://sessions/{session.Id}/2/index.html", $"glm-mcp://sessions/{session.Id}/1/index.html", $"glm-mcp://sessions/{session.Id}/1/render.png"],
                listed);
            var code = await server.Client.ReadResourceAsync($"glm-mcp://sessions/{session.Id}/1/index.html");
            Assert.Equal("<p>first ü</p>\n", Assert.IsType<TextResourceContents>(Assert.Single(code.Contents)).Text);
            var render = await server.Client.ReadResourceAsync($"glm-mcp://sessions/{session.Id}/1/render.png");
            var blob = Assert.IsType<BlobResourceContents>(Assert.Single(render.Contents));
            Assert.Equal("image/png", blob.MimeType);
            Assert.Equal(Png, blob.DecodedData.ToArray());
            var templates = (await server.Client.ListResourceTemplatesAsync()).Select(t => t.UriTemplate).ToList();
            Assert.Contains(SessionUris.CodeTemplate, templates);
            Assert.Contains(SessionUris.RenderTemplate, templates);
        }
    }

    [Fact]
    public async Task Reading_a_version_that_does_not_exist_is_a_resource_not_found_error_that_names_the_range()
    {
        using var workspace = new TempFolder();
        using var project = new TempFolder();
        var store = new SessionStore(new SessionOptions { Workspace = workspace.Path });
        using var scope = CallerRoots.Begin(new AllowedRoots([project.Path]));
        var session = await store.CreateAsync(new NewSession(320, 200, 1, "html"), default);
        await store.AddVersionAsync(session.Id, new NewSessionVersion("<p>x</p>", null, "generate", null, null), default);
        await using var server = await InProcessServer.StartAsync(["--root", project.Path], environment: new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path });

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.ReadResourceAsync($"glm-mcp://sessions/{session.Id}/7/index.html").AsTask());
        Assert.Contains("versions 1 to 1", error.Message);
        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Damaged_sessions_are_left_out_of_the_list_with_a_warning_and_using_one_names_what_is_wrong()
    {
        using var workspace = new TempFolder();
        using var project = new TempFolder();
        var store = new SessionStore(new SessionOptions { Workspace = workspace.Path });
        using var scope = CallerRoots.Begin(new AllowedRoots([project.Path]));
        async Task<string> NewAsync(string code)
        {
            var id = (await store.CreateAsync(new NewSession(320, 200, 1, "html"), default)).Id;
            await store.AddVersionAsync(id, new NewSessionVersion(code, null, "generate", null, null), default);
            await store.AddVersionAsync(id, new NewSessionVersion(code + "<p>more</p>\n", null, "edit", null, null), default);
            return id;
        }
        var good = new[] { await NewAsync("<p>one</p>\n"), await NewAsync("<p>two</p>\n") };
        var (truncated, empty, noCode, linked) = (await NewAsync("<p>t</p>\n"), await NewAsync("<p>n</p>\n"), await NewAsync("<p>c</p>\n"), await NewAsync("<p>l</p>\n"));
        File.WriteAllText(Path.Join(workspace.Path, truncated, "session.json"), "{\"id\": \"");
        File.WriteAllText(Path.Join(workspace.Path, empty, "session.json"), "null");
        File.Delete(Path.Join(workspace.Path, noCode, "1", "index.html"));
        var elsewhere = Directory.CreateTempSubdirectory("glm-mcp-test-elsewhere-").FullName;
        try
        {
            Directory.Move(Path.Join(workspace.Path, linked), Path.Join(elsewhere, linked));
            Directory.CreateSymbolicLink(Path.Join(workspace.Path, linked), Path.Join(elsewhere, linked));
            await using var server = await InProcessServer.StartAsync(["--root", project.Path], environment: new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = workspace.Path });

            var listed = (await server.Client.ListResourcesAsync()).Select(r => r.Uri).ToList();

            Assert.Equal(good.SelectMany(id => new[] { $"glm-mcp://sessions/{id}/2/index.html", $"glm-mcp://sessions/{id}/1/index.html" }).Order(), listed.Order());
            // The server's log lines reach us after its answer; poll until each damaged session's warning has arrived.
            foreach (var (id, what) in new[] { (truncated, "session.json is not valid session JSON"), (empty, "session.json holds null"),
                         (noCode, "1/index.html is missing"), (linked, "its folder is a symbolic link") })
            {
                var expected = $"Session {id} is damaged: {what}";
                var deadline = DateTime.UtcNow.AddSeconds(30);
                bool Logged()
                {
                    lock (server.Logs)
                        return server.Logs.Any(line => line.Contains(expected, StringComparison.Ordinal));
                }
                while (!Logged() && DateTime.UtcNow < deadline)
                    await Task.Delay(50);
                Assert.True(Logged(), $"No warning \"{expected}\" in the server's log.");
            }
            var read = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.ReadResourceAsync($"glm-mcp://sessions/{noCode}/1/index.html").AsTask());
            Assert.Contains($"Session {noCode} is damaged: 1/index.html is missing", read.Message);
            var undo = await server.Client.CallToolAsync("session_undo", new Dictionary<string, object?> { ["session_id"] = noCode });
            Assert.True(undo.IsError);
            Assert.Contains($"Session {noCode} is damaged: 1/index.html is missing", Assert.IsType<TextContentBlock>(Assert.Single(undo.Content)).Text);
            var fine = await server.Client.ReadResourceAsync($"glm-mcp://sessions/{good[0]}/1/index.html");
            Assert.Equal("<p>one</p>\n", Assert.IsType<TextResourceContents>(Assert.Single(fine.Contents)).Text);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Over_http_each_client_lists_and_reads_only_the_sessions_created_under_its_roots()
    {
        using var workspace = new TempFolder();
        using var elsewhere = new TempFolder();
        var settings = elsewhere.Write("settings.json", "{\"Sessions\": {\"Workspace\": " + System.Text.Json.JsonSerializer.Serialize(workspace.Path) + "}}");
        await using var server = await HttpServer.StartAsync("--settings", settings);
        var a = Directory.CreateDirectory(server.WorkingDirectory.File("a")).FullName;
        var b = Directory.CreateDirectory(server.WorkingDirectory.File("b")).FullName;
        var store = new SessionStore(new SessionOptions { Workspace = workspace.Path });
        async Task<string> NewAsync(params string[] roots)
        {
            using var scope = CallerRoots.Begin(new AllowedRoots(roots));
            var id = (await store.CreateAsync(new NewSession(320, 200, 1, "html"), default)).Id;
            await store.AddVersionAsync(id, new NewSessionVersion($"<p>{string.Join(" ", roots.Select(Path.GetFileName))}</p>", null, "generate", null, null), default);
            return id;
        }
        var (inA, inB, inBoth, outside) = (await NewAsync(a), await NewAsync(b), await NewAsync(a, b), await NewAsync(elsewhere.Path));
        await using var twoRoots = await server.ConnectAsync(clientOptions: AnnouncedRoots.Announcing(a, b));
        await using var onlyA = await server.ConnectAsync(clientOptions: AnnouncedRoots.Announcing(a));
        static async Task<List<string>> SessionsListedAsync(McpClient client) =>
            (await client.ListResourcesAsync()).Select(r => r.Uri.Split('/')[3]).Distinct().Order().ToList();

        Assert.Equal(new[] { inA, inB, inBoth }.Order(), await SessionsListedAsync(twoRoots));
        Assert.Equal([inA], await SessionsListedAsync(onlyA));
        var both = await twoRoots.ReadResourceAsync($"glm-mcp://sessions/{inBoth}/1/index.html");
        Assert.Equal($"<p>{Path.GetFileName(a)} {Path.GetFileName(b)}</p>", Assert.IsType<TextResourceContents>(Assert.Single(both.Contents)).Text);
        foreach (var (client, id) in new[] { (onlyA, inB), (onlyA, inBoth), (twoRoots, outside) })
        {
            var hidden = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"glm-mcp://sessions/{id}/1/index.html").AsTask());
            Assert.Equal(McpErrorCode.ResourceNotFound, hidden.ErrorCode);
            Assert.Contains($"Session '{id}' does not exist", hidden.Message);
        }
        var undo = await onlyA.CallToolAsync("session_undo", new Dictionary<string, object?> { ["session_id"] = inB, ["version"] = 1 });
        Assert.True(undo.IsError);
        Assert.Contains($"Session '{inB}' does not exist", Assert.IsType<TextContentBlock>(Assert.Single(undo.Content)).Text);
    }

    [Fact]
    public async Task The_replicate_ui_and_fix_visual_bug_prompts_are_offered_and_name_their_tools()
    {
        await using var server = await InProcessServer.StartAsync();

        var prompts = (await server.Client.ListPromptsAsync()).Select(p => p.Name).ToList();
        Assert.Contains("replicate_ui", prompts);
        Assert.Contains("fix_visual_bug", prompts);
        var replicate = await server.Client.GetPromptAsync("replicate_ui", new Dictionary<string, object?> { ["image"] = "shot.png", ["output_path"] = "page.html" });
        var text = Assert.IsType<TextContentBlock>(Assert.Single(replicate.Messages).Content).Text;
        Assert.Contains("screenshot_to_code", text);
        Assert.Contains("\"shot.png\"", text);
        var fix = await server.Client.GetPromptAsync("fix_visual_bug", new Dictionary<string, object?> { ["problem"] = "the button is green", ["path"] = "page.html" });
        Assert.Contains("locate_and_edit", Assert.IsType<TextContentBlock>(Assert.Single(fix.Messages).Content).Text);
    }
}
