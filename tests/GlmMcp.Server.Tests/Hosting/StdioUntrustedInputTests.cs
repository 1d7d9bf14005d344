using System.Buffers.Binary;
using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>What a careless or hostile client can send over stdio: each gets a specific error, and the server keeps serving.</summary>
[Trait("Category", "EndToEnd")]
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
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);
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

    [Fact]
    public async Task A_message_over_the_default_limit_is_refused_within_twice_the_limit_of_memory_and_the_server_answers_the_next_call()
    {
        await using var server = RawStdioServer.Start();
        await server.InitializeAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
        using (await server.ReadAnswerAsync("1"))
        {
        }
        var peakBefore = server.PeakResidentBytes();
        const long messageBytes = 100L * 1024 * 1024;

        await server.SendLargeAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"visual_diff","arguments":{"after":"x","before":"iVBORw0KGgo""",
            messageBytes, "\"}}}");
        var (code, message) = await server.ReadErrorAsync("2");
        var peakAfter = server.PeakResidentBytes();
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"session_undo","arguments":{"session_id":"abc"}}}""");
        using var next = await server.ReadAnswerAsync("3");

        Assert.Equal(InvalidRequest, code);
        Assert.Contains("the limit is 100,663,296 (Stdio:MaxMessageBytes)", message);
        Assert.Contains("Pass large images and HTML as files", message);
        // Held only up to the limit, then skipped as it streams in (it cost about 1 GB when the SDK read it whole).
        Assert.True(peakAfter - peakBefore < 2 * 100_663_296L, $"peak resident memory grew by {(peakAfter - peakBefore) / 1024 / 1024} MiB");
        var text = next.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString();
        Assert.Contains("Session 'abc' does not exist", text);
    }

    [Fact]
    public async Task A_configured_limit_skips_a_large_message_as_it_streams_in_and_keeps_reading_the_next_line()
    {
        await using var server = RawStdioServer.Start(new Dictionary<string, string> { ["GLM_MCP_Stdio__MaxMessageBytes"] = "4096" });
        await server.InitializeAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","id":"first","method":"tools/list"}""");
        using (await server.ReadAnswerAsync("\"first\""))
        {
        }
        var peakBefore = server.PeakResidentBytes();
        // Large enough that holding it (100 MB, 200 MB as a string) stands far above what a busy runtime grows by anyway
        // (12 MiB once on a loaded CI machine, with a 4 KiB limit).
        const long messageBytes = 100_000_000;

        await server.SendLargeAsync("""{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"render_page","arguments":{"html":"<p>""", messageBytes, "</p>\"}}}");
        var (code, message) = await server.ReadErrorAsync("\"big\"");
        var growth = server.PeakResidentBytes() - peakBefore;
        await server.SendAsync("""{"jsonrpc":"2.0","id":"small","method":"tools/list"}""");
        using var tools = await server.ReadAnswerAsync("\"small\"");

        Assert.Equal(InvalidRequest, code);
        Assert.StartsWith("The message is 100,000,", message);
        Assert.True(growth < messageBytes / 4, $"peak resident memory grew by {growth / 1024 / 1024} MiB");
        Assert.Contains("the limit is 4,096 (Stdio:MaxMessageBytes)", message);
        Assert.True(tools.RootElement.GetProperty("result").GetProperty("tools").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_message_limit_below_1024_bytes_stops_the_server_with_a_message_naming_the_setting()
    {
        using var folder = new TempFolder();
        var settings = folder.Write("settings.json", """{ "Stdio": { "MaxMessageBytes": 5 } }""");

        var run = await CliRun.RunAsync(folder.Path, "serve", "--settings", settings);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Stdio:MaxMessageBytes must be between 1024 and 2,147,483,647, got 5.", run.Stderr);
    }

    [Fact]
    public async Task Each_wrong_argument_is_a_tool_error_naming_it_what_it_takes_and_what_came_and_the_server_answers_the_next_call()
    {
        await using var server = await StdioServer.StartAsync(["--prelaunch", "false"]);
        var good = Convert.ToBase64String(ImageFixtures.Bytes("layout-before.png"));
        var cases = new (string Tool, string Arguments, string Message)[]
        {
            ("visual_diff", "{}", "visual_diff needs 'before': a string."),
            ("visual_diff", """{"before":123,"after":"x"}""", "'before' must be a string; got 123 (a number)."),
            ("render_page", """{"html":"<p>hi</p>","width":1.5}""", "'width' must be an integer between 1 and 16384; got 1.5 (a number)."),
            ("session_undo", """{"session_id":"abc","version":1.5}""", "'version' must be an integer at least 1; got 1.5 (a number)."),
            ("visual_diff", """{"before":"a","after":"b","ignore_regions":"x"}""",
                "'ignore_regions' must be a list of (an object {x, y, width, height}); got \"x\" (a string)."),
            ("visual_diff", """{"before":"a","after":"b","ignore_regions":[{"x":1}]}""", "'ignore_regions[0]' needs 'y'"),
            ("visual_diff", """{"before":"a","after":"b","bogus":1}""", "visual_diff has no argument 'bogus'. Its arguments are: before, after, threshold,"),
            ("visual_diff", $$"""{"before":"{{BmpClaimingHeight(int.MinValue)}}","after":"{{good}}"}""", "'before' is 1×2147483647"),
            ("render_page", $$"""{"html":"{{new string('h', 5000)}}","width":"{{new string('w', 5000)}}"}""", "; got \"wwww"),
        };

        foreach (var (tool, arguments, message) in cases)
        {
            var bad = await server.Client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments));

            Assert.True(bad.IsError, $"{tool} {arguments}: expected an error");
            var text = Assert.IsType<TextContentBlock>(bad.Content[0]).Text;
            Assert.Contains(message, text);
            Assert.True(text.Length < 1000, text);
        }
        var next = await server.Client.CallToolAsync("visual_diff", new Dictionary<string, object?> { ["before"] = good, ["after"] = good, ["diff_image"] = "none" });
        Assert.NotEqual(true, next.IsError);
        Assert.True(next.StructuredContent!.Value.GetProperty("identical").GetBoolean());
    }

    /// <summary>A BMP header (no pixels) of width 1 and the given height; negative heights mean top-down rows.</summary>
    private static string BmpClaimingHeight(int height)
    {
        var bmp = new byte[54];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 32);
        return Convert.ToBase64String(bmp);
    }
}
