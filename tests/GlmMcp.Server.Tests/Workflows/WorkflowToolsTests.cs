using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>Bad input to the workflow tools through the server (in process): each is a tool error that says what to fix.</summary>
public sealed class WorkflowToolsTests
{
    private static async Task<string> ErrorOfAsync(InProcessServer server, string tool, Dictionary<string, object?> arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var result = await server.Client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token);
        Assert.True(result.IsError);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Screenshot_to_code_refuses_max_rounds_out_of_range(int rounds)
    {
        await using var server = await InProcessServer.StartAsync();
        var image = server.WorkingDirectory.Write("shot.png", ImageFixtures.Bytes("text-before.png"));

        var message = await ErrorOfAsync(server, "screenshot_to_code", new() { ["image"] = image, ["max_rounds"] = rounds });

        Assert.Contains("'max_rounds' must be between 1 and 10", message);
    }

    [Fact]
    public async Task Screenshot_to_code_with_an_unknown_session_says_it_does_not_exist()
    {
        await using var server = await InProcessServer.StartAsync(environment: new Dictionary<string, string?> { ["GLM_MCP_Sessions__Workspace"] = Path.Join(Path.GetTempPath(), "glm-none-" + Guid.NewGuid().ToString("N")) });

        var message = await ErrorOfAsync(server, "screenshot_to_code", new() { ["session_id"] = "0123456789ab" });

        Assert.Contains("Session '0123456789ab' does not exist", message);
    }

    [Fact]
    public async Task Locate_and_edit_refuses_a_path_outside_the_roots()
    {
        await using var server = await InProcessServer.StartAsync();
        using var elsewhere = new TempFolder();
        var page = elsewhere.Write("page.html", "<p>hi</p>");

        var message = await ErrorOfAsync(server, "locate_and_edit", new()
        {
            ["instruction"] = "make it red",
            ["path"] = page,
            ["region"] = new Dictionary<string, int> { ["x"] = 0, ["y"] = 0, ["width"] = 10, ["height"] = 10 },
        });

        Assert.Contains("outside the allowed roots", message);
    }

    [Fact]
    public async Task Locate_and_edit_refuses_a_url_that_is_not_on_loopback()
    {
        await using var server = await InProcessServer.StartAsync();

        var message = await ErrorOfAsync(server, "locate_and_edit", new()
        {
            ["instruction"] = "make it dark blue",
            ["url"] = "http://192.0.2.7:5173/",
            ["region"] = new Dictionary<string, int> { ["x"] = 0, ["y"] = 0, ["width"] = 10, ["height"] = 10 },
        });

        Assert.Contains("'url' http://192.0.2.7:5173/ is not on this machine", message);
    }

    [Fact]
    public async Task Locate_and_edit_without_a_place_says_how_to_give_one()
    {
        await using var server = await InProcessServer.StartAsync();
        var page = server.WorkingDirectory.Write("page.html", "<p>hi</p>");

        var message = await ErrorOfAsync(server, "locate_and_edit", new() { ["instruction"] = "make it red", ["path"] = page });

        Assert.Contains("exactly one of 'region'", message);
    }
}
