using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>Roots an MCP client announces narrow what the server allows and never widen it, through the real server process.</summary>
#pragma warning disable MCP9005 // Roots are deprecated from spec 2026-07-28 on; today's clients still send them.
[Trait("Category", "EndToEnd")]
public sealed class ClientRootsTests : IDisposable
{
    private readonly TempFolder _outside = new();

    public void Dispose() => _outside.Dispose();

    private static async Task<CallToolResult> DiffAsync(McpClient client, string before, string after, string? output = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var arguments = new Dictionary<string, object?> { ["before"] = before, ["after"] = after, ["diff_image"] = "none" };
        if (output is not null)
            arguments["output_path"] = output;
        return await client.CallToolAsync("visual_diff", arguments, cancellationToken: timeout.Token);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;

    [Fact]
    public async Task Over_http_a_client_that_announces_the_file_system_root_gets_no_more_than_the_server_allows()
    {
        await using var server = await HttpServer.StartAsync("--prelaunch", "false");
        await using var client = await server.ConnectAsync(clientOptions: AnnouncedRoots.Announcing("file:///"));
        var inside = server.WorkingDirectory.Write("a.png", ImageFixtures.Bytes("layout-before.png"));
        var outside = _outside.Write("secret.png", ImageFixtures.Bytes("layout-before.png"));

        var read = await DiffAsync(client, outside, inside);
        var write = await DiffAsync(client, inside, inside, _outside.File("written.png"));
        var allowed = await DiffAsync(client, inside, inside);

        Assert.True(read.IsError);
        Assert.Contains("'before' is outside the allowed roots", Text(read));
        Assert.True(write.IsError);
        Assert.Contains("'output_path' is outside the allowed roots", Text(write));
        Assert.False(File.Exists(_outside.File("written.png")));
        Assert.NotEqual(true, allowed.IsError);
    }

    [Fact]
    public async Task Over_http_a_client_root_inside_the_server_root_narrows_it()
    {
        await using var server = await HttpServer.StartAsync("--prelaunch", "false");
        var app = Directory.CreateDirectory(server.WorkingDirectory.File("app"));
        await using var client = await server.ConnectAsync(clientOptions: AnnouncedRoots.Announcing(app.FullName));
        var inApp = server.WorkingDirectory.Write(Path.Join("app", "a.png"), ImageFixtures.Bytes("layout-before.png"));
        var besideApp = server.WorkingDirectory.Write("b.png", ImageFixtures.Bytes("layout-before.png"));

        var narrowed = await DiffAsync(client, besideApp, inApp);
        var allowed = await DiffAsync(client, inApp, inApp);

        Assert.True(narrowed.IsError);
        Assert.Contains("'before' is outside the allowed roots", Text(narrowed));
        Assert.NotEqual(true, allowed.IsError);
    }

    [Fact]
    public async Task Over_http_a_client_whose_roots_lie_outside_the_server_roots_may_touch_nothing_and_is_told_why()
    {
        await using var server = await HttpServer.StartAsync("--prelaunch", "false");
        await using var client = await server.ConnectAsync(clientOptions: AnnouncedRoots.Announcing(_outside.Path));
        var outside = _outside.Write("secret.png", ImageFixtures.Bytes("layout-before.png"));

        var result = await DiffAsync(client, outside, outside);

        Assert.True(result.IsError);
        Assert.Contains("No folder is allowed", Text(result));
    }

    [Fact]
    public async Task Over_stdio_without_root_the_client_roots_replace_the_working_directory()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"], clientOptions: AnnouncedRoots.Announcing(_outside.Path));
        var announced = _outside.Write("a.png", ImageFixtures.Bytes("layout-before.png"));
        var workingDirectory = server.WorkingDirectory.Write("b.png", ImageFixtures.Bytes("layout-before.png"));

        var allowed = await DiffAsync(server.Client, announced, announced);
        var replaced = await DiffAsync(server.Client, workingDirectory, announced);

        Assert.NotEqual(true, allowed.IsError);
        Assert.True(replaced.IsError);
        Assert.Contains("'before' is outside the allowed roots", Text(replaced));
    }

    [Fact]
    public async Task Over_stdio_with_root_a_client_that_announces_the_file_system_root_is_narrowed_to_it()
    {
        using var configured = new TempFolder();
        await using var server = await StdioServer.StartAsync(["--root", configured.Path, "--prelaunch", "false"], clientOptions: AnnouncedRoots.Announcing("file:///"));
        var allowedFile = configured.Write("a.png", ImageFixtures.Bytes("layout-before.png"));
        var outside = _outside.Write("secret.png", ImageFixtures.Bytes("layout-before.png"));

        var refused = await DiffAsync(server.Client, outside, allowedFile);
        var allowed = await DiffAsync(server.Client, allowedFile, allowedFile);

        Assert.True(refused.IsError);
        Assert.Contains("'before' is outside the allowed roots", Text(refused));
        Assert.NotEqual(true, allowed.IsError);
    }
}
#pragma warning restore MCP9005
