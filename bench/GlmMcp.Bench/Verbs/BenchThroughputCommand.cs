using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using GlmMcp.Core;
using GlmMcp.Core.Rendering;
using GlmMcp.Server.Cli;
using GlmMcp.Testing;
using Microsoft.Extensions.Configuration;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench throughput</c>: 32 <c>render_page</c> calls at once from 4 MCP clients over stdio (each client its
/// own server process, as IDEs start them; 8 calls in flight per client), new HTML at 1280×800 PNG each time: renders
/// per second with each server's tab pool sized to the machine's cores, and the Chromium memory below each server (PSS)
/// per open tab. Beside it Playwright MCP driven by the same clients: its one tab per server takes a navigate and a
/// screenshot per page, so each client's pages go one after the other (overlapping calls would screenshot each
/// other's page). Medians over <c>--rounds</c>, ours and the anchor alternating.
/// </summary>
internal static class BenchThroughputCommand
{
    private const int Width = 1280;
    private const int Height = 800;
    private const string PlaywrightMcpCli = "node_modules/@playwright/mcp/cli.js";
    private const string Ours = "glm-mcp: all calls answered (wall clock)";
    private const string OursCall = "glm-mcp: one render_page call";
    private const string Anchor = "Playwright MCP: all pages (wall clock, anchor)";
    private const string AnchorCall = "Playwright MCP: one navigate + screenshot (anchor)";

    private static int _failedCalls;

    public static Command Create()
    {
        var clients = new Option<int>("--clients") { Description = "MCP clients, each with its own server over stdio (default 4).", DefaultValueFactory = _ => 4 };
        var calls = new Option<int>("--calls") { Description = "render_page calls in all, split evenly between the clients (default 32).", DefaultValueFactory = _ => 32 };
        var pool = new Option<int>("--pool") { Description = "Rendering:PoolSize of each server (default: the machine's cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var rounds = new Option<int>("--rounds") { Description = "Measured bursts per side, after one warm-up burst (default 3).", DefaultValueFactory = _ => 3 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/@playwright/mcp (default: bench/anchors of this checkout)." };
        var command = new Command("throughput", "render_page calls per second from several stdio clients at once, and Chromium memory per tab, beside Playwright MCP.");
        foreach (var option in new Option[] { clients, calls, pool, rounds, anchors })
            command.Options.Add(option);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var chromium = ChromiumLocator.Locate(configuration.GetSection(RenderingOptions.Section).Get<RenderingOptions>() ?? new RenderingOptions());
            var clientCount = Math.Clamp(result.GetValue(clients), 1, 16);
            var perClient = Math.Max(1, result.GetValue(calls) / clientCount);
            var poolSize = Math.Clamp(result.GetValue(pool), 1, RenderingOptions.MaxPoolSize);
            var anchorFolder = result.GetValue(anchors)?.FullName ?? BenchPaths.FindCheckoutAnchors();
            var playwrightMcp = anchorFolder is null ? null : Path.Join(anchorFolder, PlaywrightMcpCli);
            using var folder = new TempFolder();
            var report = new BenchReport(
                $"render_page throughput: {clientCount} stdio clients × {perClient} calls at once, new HTML at {Width}×{Height} PNG, " +
                $"pool {poolSize} tabs per server; {Environment.ProcessorCount} cores, load {BenchReport.LoadAverage()}");

            var env = new Dictionary<string, string>
            {
                ["GLM_MCP_Rendering__PoolSize"] = poolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Every call of a burst waits for a tab at once; none may be refused as a flood.
                ["GLM_MCP_Rendering__MaxQueuedPerClient"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var ours = await StartAllAsync(clientCount, BenchPaths.ServerExecutable, ["serve", "--chromium", chromium], env, folder, ct);
            var anchor = playwrightMcp is not null && File.Exists(playwrightMcp)
                ? await StartAllAsync(clientCount, "node", [playwrightMcp, "--headless", "--isolated", "--no-sandbox", "--executable-path", chromium,
                    "--viewport-size", $"{Width}x{Height}", "--allow-unrestricted-file-access", "--output-dir", folder.Path], new Dictionary<string, string>(), folder, ct)
                : null;
            try
            {
                var memory = (Processes: 0, PssMb: 0.0);
                var anchorMemory = (Processes: 0, PssMb: 0.0);
                for (var round = 0; round <= Math.Max(1, result.GetValue(rounds)); round++)
                {
                    var (wall, each) = await OursBurstAsync(ours, perClient, round, ct);
                    if (round > 0)
                    {
                        report.Add(Ours, wall);
                        foreach (var ms in each)
                            report.Add(OursCall, ms);
                    }
                    memory = Sum(ours);
                    if (anchor is null)
                        continue;
                    (wall, each) = await AnchorBurstAsync(anchor, perClient, round, folder, ct);
                    if (round > 0)
                    {
                        report.Add(Anchor, wall);
                        foreach (var ms in each)
                            report.Add(AnchorCall, ms);
                    }
                    anchorMemory = Sum(anchor);
                }

                var total = clientCount * perClient;
                if (_failedCalls > 0)
                    report.Note($"glm-mcp: {_failedCalls} render_page call(s) failed (see stderr); the wall clock includes their wait");
                var ourRate = total / (report.Median(Ours) / 1000);
                report.Note($"glm-mcp: {ourRate:0.0} renders/s; Chromium {memory.PssMb:0} MB PSS in {memory.Processes} processes for {clientCount * poolSize} tabs " +
                    $"({memory.PssMb / (clientCount * poolSize):0} MB per tab, browsers included)");
                if (anchor is not null)
                {
                    var anchorRate = total / (report.Median(Anchor) / 1000);
                    report.Note($"Playwright MCP (anchor): {anchorRate:0.0} renders/s; Chromium {anchorMemory.PssMb:0} MB PSS in {anchorMemory.Processes} processes " +
                        $"for {clientCount} tabs ({anchorMemory.PssMb / clientCount:0} MB per tab, browsers included)");
                    report.Note($"throughput ratio ours / anchor: {ourRate / anchorRate:0.00} (higher is better)");
                }
                else
                {
                    report.Note("Playwright MCP not measured: run `npm install --prefix bench/anchors` to install @playwright/mcp");
                }
                report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
                return ExitCodes.Ok;
            }
            finally
            {
                foreach (var probe in ours.Concat(anchor ?? []))
                    await probe.DisposeAsync();
            }
        }));
        return command;
    }

    /// <summary>Every client sends all its render_page calls at once; returns the wall clock of the burst and each call's time.</summary>
    private static async Task<(double Wall, double[] Each)> OursBurstAsync(List<StdioMcpProbe> clients, int perClient, int round, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var calls = clients.SelectMany((client, c) => Enumerable.Range(0, perClient).Select(async n =>
        {
            try
            {
                return await client.TimeToolAsync("render_page", Arguments(Page(round, c, n)), ct);
            }
            catch (UserInputException e)
            {
                // A call that fails (a render that timed out) is counted and printed, not allowed to end the run.
                Interlocked.Increment(ref _failedCalls);
                Console.Error.WriteLine($"glm-mcp-bench: a render_page call failed: {e.Message}");
                return double.NaN;
            }
        })).ToArray();
        var each = await Task.WhenAll(calls);
        return (watch.Elapsed.TotalMilliseconds, each.Where(ms => !double.IsNaN(ms)).ToArray());
    }

    /// <summary>Every client loads its pages one after the other (navigate, then screenshot), all clients at once.</summary>
    private static async Task<(double Wall, double[] Each)> AnchorBurstAsync(List<StdioMcpProbe> clients, int perClient, int round, TempFolder folder, CancellationToken ct)
    {
        var files = new string[clients.Count, perClient];
        for (var c = 0; c < clients.Count; c++)
        {
            for (var n = 0; n < perClient; n++)
            {
                files[c, n] = folder.File($"page-{round}-{c}-{n}.html");
                await File.WriteAllTextAsync(files[c, n], BenchPage.Html(Page(round, c, n)), ct);
            }
        }
        var watch = Stopwatch.StartNew();
        var perClientTimes = await Task.WhenAll(clients.Select(async (client, c) =>
        {
            var times = new List<double>();
            for (var n = 0; n < perClient; n++)
            {
                var navigate = await client.TimeToolAsync("browser_navigate", new JsonObject { ["url"] = new Uri(files[c, n]).AbsoluteUri }, ct);
                var screenshot = await client.TimeToolAsync("browser_take_screenshot", new JsonObject { ["type"] = "png" }, ct);
                times.Add(navigate + screenshot);
            }
            return times;
        }));
        return (watch.Elapsed.TotalMilliseconds, perClientTimes.SelectMany(t => t).ToArray());
    }

    private static async Task<List<StdioMcpProbe>> StartAllAsync(int count, string file, string[] args, Dictionary<string, string> env, TempFolder folder, CancellationToken ct)
    {
        var probes = new List<StdioMcpProbe>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var probe = await StdioMcpProbe.StartAsync(file, args, env, folder.Path, ct);
                probes.Add(probe);
                await probe.RequestAsync("tools/list", new JsonObject(), ct);
            }
            return probes;
        }
        catch
        {
            foreach (var probe in probes)
                await probe.DisposeAsync();
            throw;
        }
    }

    private static (int Processes, double PssMb) Sum(List<StdioMcpProbe> probes) =>
        probes.Select(p => ChromiumMemory.Below(p.ProcessId)).Aggregate((0, 0.0), (a, b) => (a.Item1 + b.Processes, a.Item2 + b.PssMb));

    /// <summary>A different page number for every call of every burst, so no render repeats another.</summary>
    private static int Page(int round, int client, int n) => round * 10_000 + client * 100 + n;

    private static JsonObject Arguments(int page) =>
        new() { ["html"] = BenchPage.Html(page), ["width"] = Width, ["height"] = Height, ["format"] = "png" };
}
