using System.CommandLine;
using System.Text.Json.Nodes;
using GlmMcp.Core;
using GlmMcp.Server.Cli;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench startup</c>: time from starting a stdio MCP server process to its <c>initialize</c> answer, and on
/// to the answer of the first <c>tools/list</c> (sent right after <c>notifications/initialized</c>, as clients do).
/// Rows, alternated run by run so machine load hits all alike: this checkout's build beside the benchmarks
/// (framework-dependent, JIT), the installed NuGet package (<c>--installed</c>: self-contained, ReadyToRun), the same
/// package started through <c>dotnet dnx</c> (<c>--dnx-feed</c>, what a client configured with dnx waits for), and the
/// anchors Zhipu's <c>@z_ai/mcp-server</c> and Playwright MCP when they are installed under <c>--anchors</c>.
/// </summary>
internal static class BenchStartupCommand
{
    /// <summary>The Zhipu anchor refuses to start without a key, and refuses keys containing "api" or "key"; initialize never uses it.</summary>
    private const string ZhipuPlaceholderKey = "bench-placeholder-0000";

    private sealed record Server(string Name, string File, string[] Args, Dictionary<string, string> Environment);

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Process starts to time per server.", DefaultValueFactory = _ => 10 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/@z_ai/mcp-server and @playwright/mcp (default: bench/anchors of this checkout)." };
        var installed = new Option<FileInfo?>("--installed") { Description = "The glm-mcp executable of the installed NuGet package (e.g. from `dotnet tool install GlmMcp --tool-path DIR`)." };
        var dnxFeed = new Option<DirectoryInfo?>("--dnx-feed") { Description = "A folder feed holding the GlmMcp packages: also time `dotnet dnx GlmMcp --source DIR --yes -- serve`." };
        var command = new Command("startup",
            "Median time from process start to the answer of `initialize` over stdio, and to the answer of the first `tools/list` " +
            "after it: this build, the installed package, the package through dnx, Zhipu's vision MCP server and Playwright MCP.");
        command.Options.Add(runs);
        command.Options.Add(anchors);
        command.Options.Add(installed);
        command.Options.Add(dnxFeed);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var report = new BenchReport("stdio start → initialize answer → first tools/list answer");
            var servers = Servers(result.GetValue(installed), result.GetValue(dnxFeed), result.GetValue(anchors)?.FullName ?? BenchPaths.FindCheckoutAnchors(), report);
            for (var i = 0; i < Math.Max(1, result.GetValue(runs)); i++)
            {
                foreach (var server in servers)
                    await TimeHandshakeAsync(report, server, ct);
            }
            foreach (var anchor in new[] { "@z_ai/mcp-server", "Playwright MCP" })
            {
                foreach (var ours in servers.Where(s => s.Name.StartsWith("glm-mcp", StringComparison.Ordinal)))
                    report.Ratio($"tools/list, {ours.Name} vs {anchor}", $"{ours.Name} tools/list", $"{anchor} tools/list (anchor)");
            }
            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static List<Server> Servers(FileInfo? installed, DirectoryInfo? dnxFeed, string? anchors, BenchReport report)
    {
        var servers = new List<Server> { new("glm-mcp (this build)", BenchPaths.ServerExecutable, ["serve"], []) };
        if (installed is not null)
        {
            if (!installed.Exists)
                throw new UserInputException($"--installed {installed.FullName}: no such file; install the package first (dotnet tool install GlmMcp --tool-path DIR).");
            servers.Add(new("glm-mcp (package)", installed.FullName, ["serve"], []));
        }
        if (dnxFeed is not null)
        {
            if (!dnxFeed.Exists)
                throw new UserInputException($"--dnx-feed {dnxFeed.FullName}: no such folder; `packaging/pack.sh` packs into one.");
            servers.Add(new("glm-mcp (dnx)", "dotnet", ["dnx", "GlmMcp", "--source", dnxFeed.FullName, "--yes", "--", "serve"],
                new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }));
        }
        var zhipu = anchors is null ? null : Path.Join(anchors, "node_modules", "@z_ai", "mcp-server", "build", "index.js");
        if (zhipu is not null && File.Exists(zhipu))
            servers.Add(new("@z_ai/mcp-server", "node", [zhipu], new() { ["Z_AI_API_KEY"] = ZhipuPlaceholderKey }));
        else
            report.Note("@z_ai/mcp-server not measured: run `npm install --prefix bench/anchors`");
        var playwright = anchors is null ? null : Path.Join(anchors, "node_modules", "@playwright", "mcp", "cli.js");
        if (playwright is not null && File.Exists(playwright))
            servers.Add(new("Playwright MCP", "node", [playwright, "--headless", "--isolated", "--no-sandbox"], []));
        else
            report.Note("Playwright MCP not measured: run `npm install --prefix bench/anchors`");
        return servers;
    }

    /// <summary>
    /// Starts the server, times its <c>initialize</c> answer, then sends <c>notifications/initialized</c> and
    /// <c>tools/list</c> at once, as clients do, and times that answer too; both count from the process start.
    /// </summary>
    private static async Task TimeHandshakeAsync(BenchReport report, Server server, CancellationToken ct)
    {
        await using var probe = await StdioMcpProbe.StartAsync(server.File, server.Args, server.Environment, workingDirectory: null, ct);
        var initialize = probe.InitializeMs;
        var tools = await probe.RequestAsync("tools/list", new JsonObject(), ct);
        if (tools["tools"] is not JsonArray { Count: > 0 })
            throw new UserInputException($"{server.Name} listed no tools.");
        var anchor = server.Name.StartsWith("glm-mcp", StringComparison.Ordinal) ? "" : " (anchor)";
        report.Add($"{server.Name} initialize{anchor}", initialize);
        report.Add($"{server.Name} tools/list{anchor}", probe.SinceStartMs);
    }
}
