using System.CommandLine;
using System.Diagnostics;

namespace GlmMcp.Server.Cli.Bench;

/// <summary>
/// <c>glm-mcp bench startup</c>: time from starting the stdio server process to its <c>initialize</c> answer, and on to
/// the answer of the first <c>tools/list</c> (sent right after <c>notifications/initialized</c>, as clients do), next to
/// Zhipu's <c>@z_ai/mcp-server</c> (anchor ~260–330 ms here) when it is installed under <c>--anchors</c>.
/// </summary>
internal static class BenchStartupCommand
{
    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";

    private const string InitializedNotification = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private const string ToolsListRequest = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    private const string Ours = "glm-mcp initialize";
    private const string OursTools = "glm-mcp tools/list";
    private const string Anchor = "@z_ai/mcp-server initialize (anchor)";
    private const string AnchorTools = "@z_ai/mcp-server tools/list (anchor)";

    /// <summary>The anchor refuses to start without a key, and refuses keys containing "api" or "key"; initialize never uses it.</summary>
    private const string ZhipuPlaceholderKey = "bench-placeholder-0000";

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Process starts to time.", DefaultValueFactory = _ => 10 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/@z_ai/mcp-server (default: tests/anchors of this checkout)." };
        var command = new Command("startup",
            "Median time from process start to the answer of `initialize` over stdio, and to the answer of the first `tools/list` " +
            "after it, ours and Zhipu's vision MCP server's.");
        command.Options.Add(runs);
        command.Options.Add(anchors);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var report = new BenchReport("stdio start → initialize answer → first tools/list answer");
            var self = Environment.ProcessPath ?? throw new Core.UserInputException("Cannot find this executable's path.");
            var zhipu = FindZhipuServer(result.GetValue(anchors));
            for (var i = 0; i < Math.Max(1, result.GetValue(runs)); i++)
            {
                var (initialize, tools) = await TimeHandshakeAsync(self, [], new Dictionary<string, string>(), ct);
                report.Add(Ours, initialize);
                report.Add(OursTools, tools);
                if (zhipu is not null)
                {
                    (initialize, tools) = await TimeHandshakeAsync("node", [zhipu], new Dictionary<string, string> { ["Z_AI_API_KEY"] = ZhipuPlaceholderKey }, ct);
                    report.Add(Anchor, initialize);
                    report.Add(AnchorTools, tools);
                }
            }
            report.Ratio("initialize", Ours, Anchor);
            report.Ratio("tools/list", OursTools, AnchorTools);
            if (zhipu is null)
                report.Note("anchor not measured: run `npm install --prefix tests/anchors` to install @z_ai/mcp-server");
            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Starts <paramref name="file"/>, sends <c>initialize</c> and waits for its answer, then sends
    /// <c>notifications/initialized</c> and <c>tools/list</c> and waits for that answer; both times count from the start.
    /// </summary>
    internal static async Task<(double Initialize, double ToolsList)> TimeHandshakeAsync(string file, IEnumerable<string> args, IDictionary<string, string> env, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in env)
            info.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new Core.UserInputException($"Could not start {file}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.StandardInput.WriteLineAsync(InitializeRequest.AsMemory(), ct);
        await process.StandardInput.FlushAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        var initialize = watch.Elapsed.TotalMilliseconds;
        if (line is null || !line.Contains("\"result\"", StringComparison.Ordinal))
            throw new Core.UserInputException($"{Path.GetFileName(file)} did not answer initialize (got: {line ?? "end of output"}).");
        await process.StandardInput.WriteLineAsync(InitializedNotification.AsMemory(), ct);
        await process.StandardInput.WriteLineAsync(ToolsListRequest.AsMemory(), ct);
        await process.StandardInput.FlushAsync(ct);
        // Notifications the server sends meanwhile (logging, list changes) are skipped: the answer carries id 2.
        do
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        while (line is not null && !line.Contains("\"id\":2", StringComparison.Ordinal));
        var tools = watch.Elapsed.TotalMilliseconds;
        process.StandardInput.Close();
        if (!process.WaitForExit(5000))
            process.Kill(entireProcessTree: true);
        if (line is null || !line.Contains("\"tools\"", StringComparison.Ordinal))
            throw new Core.UserInputException($"{Path.GetFileName(file)} did not answer tools/list (got: {line ?? "end of output"}).");
        return (initialize, tools);
    }

    private static string? FindZhipuServer(DirectoryInfo? anchors)
    {
        var folder = anchors?.FullName ?? FindCheckoutAnchors();
        if (folder is null)
            return null;
        var entry = Path.Join(folder, "node_modules", "@z_ai", "mcp-server", "build", "index.js");
        return File.Exists(entry) ? entry : null;
    }

    /// <summary>Walks up from the executable to the checkout's <c>tests/anchors</c>, where the anchors' npm packages live.</summary>
    internal static string? FindCheckoutAnchors()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Join(dir.FullName, "tests", "anchors");
            if (File.Exists(Path.Join(dir.FullName, "GlmMcp.sln")) && Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
