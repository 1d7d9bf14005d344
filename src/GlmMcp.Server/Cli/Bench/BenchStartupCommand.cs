using System.CommandLine;
using System.Diagnostics;

namespace GlmMcp.Server.Cli.Bench;

/// <summary>
/// <c>glm-mcp bench startup</c>: time from starting the stdio server process to its <c>initialize</c> answer, next to
/// Zhipu's <c>@z_ai/mcp-server</c> (anchor ~260–330 ms here) when it is installed under <c>--anchors</c>.
/// </summary>
internal static class BenchStartupCommand
{
    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";

    /// <summary>The anchor refuses to start without a key, and refuses keys containing "api" or "key"; initialize never uses it.</summary>
    private const string ZhipuPlaceholderKey = "bench-placeholder-0000";

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Process starts to time.", DefaultValueFactory = _ => 10 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/@z_ai/mcp-server (default: tests/anchors of this checkout)." };
        var command = new Command("startup", "Median time from process start to the answer of `initialize` over stdio, ours and Zhipu's vision MCP server's.");
        command.Options.Add(runs);
        command.Options.Add(anchors);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var report = new BenchReport("stdio start → initialize answer");
            var self = Environment.ProcessPath ?? throw new Core.UserInputException("Cannot find this executable's path.");
            var zhipu = FindZhipuServer(result.GetValue(anchors));
            for (var i = 0; i < Math.Max(1, result.GetValue(runs)); i++)
            {
                report.Add("glm-mcp", await TimeInitializeAsync(self, [], new Dictionary<string, string>(), ct));
                if (zhipu is not null)
                    report.Add("@z_ai/mcp-server (anchor)", await TimeInitializeAsync("node", [zhipu], new Dictionary<string, string> { ["Z_AI_API_KEY"] = ZhipuPlaceholderKey }, ct));
            }
            report.Ratio("startup", "glm-mcp", "@z_ai/mcp-server (anchor)");
            if (zhipu is null)
                report.Note("anchor not measured: run `npm install --prefix tests/anchors` to install @z_ai/mcp-server");
            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Starts <paramref name="file"/>, writes one initialize request and waits for the first stdout line.</summary>
    internal static async Task<double> TimeInitializeAsync(string file, IEnumerable<string> args, IDictionary<string, string> env, CancellationToken ct)
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
        var elapsed = watch.Elapsed.TotalMilliseconds;
        process.StandardInput.Close();
        if (!process.WaitForExit(5000))
            process.Kill(entireProcessTree: true);
        if (line is null || !line.Contains("\"result\"", StringComparison.Ordinal))
            throw new Core.UserInputException($"{Path.GetFileName(file)} did not answer initialize (got: {line ?? "end of output"}).");
        return elapsed;
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
