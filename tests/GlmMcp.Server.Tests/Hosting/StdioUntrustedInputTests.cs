using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>What a careless or hostile client can send over stdio: each gets a specific error, and the server keeps serving.</summary>
public sealed class StdioUntrustedInputTests
{
    private const int InvalidRequest = -32600;

    [Fact]
    public async Task Tools_list_and_tools_call_before_initialize_are_invalid_requests_and_the_server_serves_after_initialize()
    {
        await using var server = RawStdioServer.Start();

        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        var list = await server.ReadErrorAsync("1");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"render_page","arguments":{"html":"<p>hi</p>"}}}""");
        var call = await server.ReadErrorAsync("2");
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        using var ping = await server.ReadAnswerAsync("3");
        await server.InitializeAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/list"}""");
        using var tools = await server.ReadAnswerAsync("4");

        Assert.Equal(InvalidRequest, list.Code);
        Assert.Contains("not initialized", list.Message);
        Assert.Contains("'tools/list'", list.Message);
        Assert.Equal(InvalidRequest, call.Code);
        Assert.Contains("'tools/call'", call.Message);
        Assert.True(ping.RootElement.TryGetProperty("result", out _));
        Assert.Contains(tools.RootElement.GetProperty("result").GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "visual_diff");
    }

    [Fact]
    public async Task A_10_mb_tool_name_or_session_id_comes_back_shortened_and_the_server_answers_the_next_call()
    {
        await using var server = await StdioServer.StartAsync();
        var huge = new string('n', 10_000_000);

        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.CallToolAsync(huge).AsTask());
        var undo = await server.Client.CallToolAsync("session_undo", new Dictionary<string, object?> { ["session_id"] = huge });
        var next = await server.Client.CallToolAsync("session_undo", new Dictionary<string, object?> { ["session_id"] = "abc" });

        Assert.Contains("Unknown tool: 'nnnn", unknown.Message);
        Assert.InRange(unknown.Message.Length, 1, 1000);
        Assert.True(undo.IsError);
        var undoText = Assert.IsType<TextContentBlock>(undo.Content[0]).Text;
        Assert.Contains("Session 'nnnn", undoText);
        Assert.Contains("10,000,000 chars", undoText);
        Assert.InRange(undoText.Length, 1, 1000);
        Assert.True(next.IsError);
        Assert.Contains("Session 'abc' does not exist", Assert.IsType<TextContentBlock>(next.Content[0]).Text);
    }
}
