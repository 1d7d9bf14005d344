using System.CommandLine;
using System.Text.Json.Nodes;
using GlmMcp.Core;
using GlmMcp.Server.Cli;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench startup</c>: time from starting the stdio server process to its <c>initialize</c> answer, and on to
/// the answer of the first <c>tools/list</c> (sent right after <c>notifications/initialized</c>, as clients do), next to
/// Zhipu's <c>@z_ai/mcp-server</c> (anchor ~260–330 ms here) when it is installed under <c>--anchors</c>.
/// </summary>
internal static class BenchStartupCommand
{
    private const string Ours = "glm-mcp initialize";
    private const string OursTools = "glm-mcp tools/list";
    private const string Anchor = "@z_ai/mcp-server initialize (anchor)";
    private const string AnchorTools = "@z_ai/mcp-server tools/list (anchor)";

    /// <summary>The anchor refuses to start without a key, and refuses keys containing "api" or "key"; initialize never uses it.</summary>
    private const string ZhipuPlaceholderKey = "bench-placeholder-0000";

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Process starts to time.", DefaultValueFactory = _ => 10 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/@z_ai/mcp-server (default: bench/anchors of this checkout)." };
        var command = new Command("startup",
            "Median time from process start to the answer of `initialize` over stdio, and to the answer of the first `tools/list` " +
            "after it, ours and Zhipu's vision MCP server's.");
        command.Options.Add(runs);
        command.Options.Add(anchors);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var report = new BenchReport("stdio start → initialize answer → first tools/list answer");
            var self = BenchPaths.ServerExecutable;
            var zhipu = FindZhipuServer(result.GetValue(anchors));
            for (var i = 0; i < Math.Max(1, result.GetValue(runs)); i++)
            {
                await TimeHandshakeAsync(report, Ours, OursTools, self, [], new Dictionary<string, string>(), ct);
                if (zhipu is not null)
                {
                    await TimeHandshakeAsync(report, Anchor, AnchorTools, "node", [zhipu],
                        new Dictionary<string, string> { ["Z_AI_API_KEY"] = ZhipuPlaceholderKey }, ct);
                }
            }
            report.Ratio("initialize", Ours, Anchor);
            report.Ratio("tools/list", OursTools, AnchorTools);
            if (zhipu is null)
                report.Note("anchor not measured: run `npm install --prefix bench/anchors` to install @z_ai/mcp-server");
            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Starts <paramref name="file"/>, times its <c>initialize</c> answer, then sends <c>notifications/initialized</c>
    /// and <c>tools/list</c> at once, as clients do, and times that answer too; both count from the process start.
    /// </summary>
    private static async Task TimeHandshakeAsync(BenchReport report, string initializeRow, string toolsRow, string file,
        IEnumerable<string> args, IDictionary<string, string> env, CancellationToken ct)
    {
        await using var probe = await StdioMcpProbe.StartAsync(file, args, env, workingDirectory: null, ct);
        var initialize = probe.InitializeMs;
        var tools = await probe.RequestAsync("tools/list", new JsonObject(), ct);
        if (tools["tools"] is not JsonArray { Count: > 0 })
            throw new UserInputException($"{Path.GetFileName(file)} listed no tools.");
        report.Add(initializeRow, initialize);
        report.Add(toolsRow, probe.SinceStartMs);
    }

    private static string? FindZhipuServer(DirectoryInfo? anchors)
    {
        var folder = anchors?.FullName ?? BenchPaths.FindCheckoutAnchors();
        if (folder is null)
            return null;
        var entry = Path.Join(folder, "node_modules", "@z_ai", "mcp-server", "build", "index.js");
        return File.Exists(entry) ? entry : null;
    }
}
