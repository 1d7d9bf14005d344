using System.CommandLine;
using System.Diagnostics;
using GlmMcp.Bench.Micro;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using GlmMcp.Server.Cli;

using GlmMcp.Testing;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench diff [BEFORE AFTER]</c>: medians of the warm visual-diff path as the tool runs it (decode both,
/// compare, regions, the overlay drawn down to the returned size and encoded) next to odiff 4.5.0's <c>--server</c>
/// mode on the same pair in the same run, and pixelmatch 7.2.0's counts when node and the anchors are installed
/// (<c>npm install --prefix bench/anchors</c>). Without a pair it measures the drawn page-like screenshot pair
/// (<see cref="ScreenshotPair"/>) at 1920×1080 and at 3840×2160, one after the other. It also times what a client
/// sees: <c>visual_diff</c> called over stdio on this build's server (warm, the overlay image returned as the tool
/// returns it by default), from writing the request to reading the answer, split into the differ's time inside the
/// server (the result's <c>elapsedMs</c>) and the rest, with the server's CPU time per call. The server runs with
/// <c>--prelaunch false</c> (no Chromium launching beside the first pair) and every path gets
/// <see cref="WarmUpCalls"/> untimed calls per pair first.
/// </summary>
internal static class BenchDiffCommand
{
    private const string OdiffRow = "odiff 4.5.0 --server (anchor)";
    private const string OursTotalRow = "total (+ PNG written)";
    private const string OursCpuRow = "total CPU time, all threads";
    private const string OdiffCpuRow = "odiff CPU time, all threads";
    private const string CompareRow = "compare";
    private const string McpRow = "visual_diff over MCP (stdio, image as returned)";
    private const string McpDifferRow = "  of which the differ in the server (elapsedMs)";
    private const string McpRestRow = "  of which the rest (transport, JSON, base64)";
    private const string McpCpuRow = "server CPU time per MCP call, all threads";

    /// <summary>
    /// Untimed calls per pair before the timed runs, in process and over MCP, so both run the JIT's optimised code
    /// (a method is recompiled optimised after 30 calls).
    /// </summary>
    private const int WarmUpCalls = 40;

    private static readonly (int Width, int Height)[] _drawnPairs = [(1920, 1080), (3840, 2160)];

    public static Command Create()
    {
        var before = new Argument<FileInfo?>("before") { Description = "Reference image file (default: the drawn pair at 1080p and 4K).", Arity = ArgumentArity.ZeroOrOne };
        var after = new Argument<FileInfo?>("after") { Description = "Image file to compare.", Arity = ArgumentArity.ZeroOrOne };
        var runs = new Option<int>("--runs") { Description = "Timed runs after one warm-up (default 10).", DefaultValueFactory = _ => 10 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/odiff-bin and pixelmatch (default: bench/anchors of this checkout)." };
        var command = new Command("diff", "Median time of visual_diff's warm path per phase, next to odiff --server on the same pair (default: drawn 1080p and 4K pairs).");
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        command.Options.Add(runs);
        command.Options.Add(anchors);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var count = Math.Max(1, result.GetValue(runs));
            var anchorFolder = result.GetValue(anchors)?.FullName ?? BenchPaths.FindCheckoutAnchors();
            using var scratch = new TempFolder();
            var pairs = new List<(FileInfo Before, FileInfo After)>();
            if (result.GetValue(before) is { } beforeFile)
            {
                pairs.Add((beforeFile, result.GetValue(after) ?? throw new UserInputException("Give both BEFORE and AFTER, or neither to measure the drawn 1080p and 4K pairs.")));
            }
            else
            {
                foreach (var (width, height) in _drawnPairs)
                {
                    var (beforePng, afterPng) = ScreenshotPair.Png(width, height);
                    var pair = (new FileInfo(scratch.File($"pair-{height}p-before.png")), new FileInfo(scratch.File($"pair-{height}p-after.png")));
                    await File.WriteAllBytesAsync(pair.Item1.FullName, beforePng, ct);
                    await File.WriteAllBytesAsync(pair.Item2.FullName, afterPng, ct);
                    pairs.Add(pair);
                }
            }
            var services = new ServiceCollection().AddSecurity(new ConfigurationBuilder().Build()).AddImaging(new ConfigurationBuilder().Build());
            await using var provider = services.BuildServiceProvider();
            var differ = provider.GetRequiredService<VisualDiffer>();
            using var odiff = OdiffServer.Find(anchorFolder) is { } odiffBinary ? await OdiffServer.StartAsync(odiffBinary, ct) : null;
            var serverRoots = pairs.SelectMany(p => new[] { "--root", p.Before.DirectoryName!, "--root", p.After.DirectoryName! }).ToArray();
            // No Chromium: visual_diff does not render, and a launch in the background would be timed with the first pair.
            await using var server = await StdioMcpProbe.StartAsync(BenchPaths.ServerExecutable, ["serve", "--prelaunch", "false", .. serverRoots], new Dictionary<string, string>(), scratch.Path, ct);
            var summary = new List<string>();
            foreach (var (beforePair, afterPair) in pairs)
            {
                var report = await MeasurePairAsync(differ, odiff, server, anchorFolder, beforePair, afterPair, count, scratch, ct);
                report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
                Console.Out.WriteLine(); // stdout-ok: CLI verb output, never under serve
                if (odiff is not null)
                {
                    summary.Add($"{beforePair.Name}: over MCP {report.Median(McpRow):0.0} ms vs odiff {report.Median(OdiffRow):0.0} ms, ratio {report.Median(McpRow) / report.Median(OdiffRow):0.00}; " +
                                $"in process {report.Median(OursTotalRow):0.0} ms, ratio {report.Median(OursTotalRow) / report.Median(OdiffRow):0.00}; " +
                                $"CPU ratio {report.Median(OursCpuRow) / report.Median(OdiffCpuRow):0.00}; compare alone {report.Median(CompareRow):0.0} ms");
                }
            }
            foreach (var line in summary)
                Console.Out.WriteLine(line); // stdout-ok: CLI verb output, never under serve
            Console.Out.WriteLine($"goals (issue 15): visual_diff over MCP ≤ 0.6× odiff at 1080p and 4K; compare at 4K ≤ 15 ms. Machine: {Environment.ProcessorCount} cores, load {LoadAverage()}"); // stdout-ok: CLI verb output
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<BenchReport> MeasurePairAsync(VisualDiffer differ, OdiffServer? odiff, StdioMcpProbe server, string? anchorFolder, FileInfo beforeFile, FileInfo afterFile, int count, TempFolder scratch, CancellationToken ct)
    {
        var roots = new AllowedRoots([beforeFile.DirectoryName!, afterFile.DirectoryName!]);
        // As the tool calls it: the picture drawn down to the returned size, the full-size PNG only when it is the one returned.
        var options = new VisualDiffOptions { ReturnedImageSide = new ImagingOptions().MaxReturnedImageSide, FullSizePng = false };
        var first = await differ.DiffAsync(beforeFile.FullName, afterFile.FullName, roots, options, ct);
        var odiffCount = odiff is null ? 0 : await CompareWithOdiffAsync(odiff, beforeFile, afterFile, scratch, options, ct);
        var call = new System.Text.Json.Nodes.JsonObject { ["before"] = beforeFile.FullName, ["after"] = afterFile.FullName };
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await differ.DiffAsync(beforeFile.FullName, afterFile.FullName, roots, options, ct);
            await server.TimeToolAsync("visual_diff", call.DeepClone().AsObject(), ct);
        }
        var report = new BenchReport($"visual_diff warm path on {beforeFile.Name} {first.Width}×{first.Height} ({first.DiffPixels} changed, {first.AaPixels} anti-aliased, {first.RegionCount} regions; {count} runs)");
        // Ours and odiff's alternate, so a change in machine load hits both alike.
        var self = Process.GetCurrentProcess();
        for (var i = 0; i < count; i++)
        {
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var run = await differ.DiffAsync(beforeFile.FullName, afterFile.FullName, roots, options, ct);
            var t = run.Timings!;
            report.Add("decode (both, parallel)", t.DecodeMs);
            report.Add(CompareRow, t.CompareMs);
            report.Add("regions", t.RegionsMs);
            report.Add("draw down + encode (returned overlay PNG)", t.EncodeMs);
            var watch = Stopwatch.StartNew();
            await File.WriteAllBytesAsync(scratch.File("ours.png"), Returned(run), ct);
            report.Add(OursTotalRow, t.TotalMs + watch.Elapsed.TotalMilliseconds);
            self.Refresh();
            report.Add(OursCpuRow, (self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            var serverCpuBefore = server.CpuTime;
            watch.Restart();
            var answer = await server.RequestAsync("tools/call", new System.Text.Json.Nodes.JsonObject { ["name"] = "visual_diff", ["arguments"] = call.DeepClone() }, ct);
            var roundTrip = watch.Elapsed.TotalMilliseconds;
            var inServer = answer["structuredContent"]?["elapsedMs"]?.GetValue<double>()
                           ?? throw new UserInputException($"visual_diff answered without elapsedMs: {answer.ToJsonString()[..Math.Min(300, answer.ToJsonString().Length)]}");
            report.Add(McpRow, roundTrip);
            report.Add(McpDifferRow, inServer);
            report.Add(McpRestRow, roundTrip - inServer);
            report.Add(McpCpuRow, (server.CpuTime - serverCpuBefore).TotalMilliseconds);
            if (odiff is not null)
            {
                var odiffCpuBefore = odiff.CpuTime;
                watch.Restart();
                await CompareWithOdiffAsync(odiff, beforeFile, afterFile, scratch, options, ct);
                report.Add(OdiffRow, watch.Elapsed.TotalMilliseconds);
                report.Add(OdiffCpuRow, (odiff.CpuTime - odiffCpuBefore).TotalMilliseconds);
            }
        }
        if (odiff is not null)
        {
            report.Note($"odiff counted {odiffCount} changed pixels (its own anti-aliasing rules); ours {first.DiffPixels}; returned overlay PNG {Returned(first).Length} bytes");
            report.Ratio("over MCP vs odiff (issue 15 goal ≤ 0.6)", McpRow, OdiffRow);
            report.Ratio("total in process vs odiff", OursTotalRow, OdiffRow);
            report.Ratio("CPU time vs odiff (fairer on a busy machine)", OursCpuRow, OdiffCpuRow);
            report.Ratio("server CPU time per MCP call vs odiff CPU time", McpCpuRow, OdiffCpuRow);
        }
        else
        {
            report.Note("odiff not measured: run `npm install --prefix bench/anchors` to install odiff-bin@4.5.0");
        }
        report.Note(await PixelmatchCountsAsync(anchorFolder, beforeFile.FullName, afterFile.FullName, differ, roots, ct));
        return report;
    }

    /// <summary>The picture visual_diff returns: drawn down, or the full-size PNG when it already fits.</summary>
    private static byte[] Returned(VisualDiffResult result) => result.ReturnedDiff?.Bytes ?? result.DiffPng!;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static Task<long> CompareWithOdiffAsync(OdiffServer odiff, FileInfo before, FileInfo after, TempFolder scratch, VisualDiffOptions options, CancellationToken ct) =>
        odiff.CompareAsync(before.FullName, after.FullName, scratch.File("odiff.png"), options.Threshold, antialiasing: !options.IncludeAntialiasing, ct);

    /// <summary>Runs bench/anchors/count-pair.mjs (pixelmatch 7.2.0) and says whether our counts equal its, in both AA modes.</summary>
    private static async Task<string> PixelmatchCountsAsync(string? anchorFolder, string before, string after, VisualDiffer differ, AllowedRoots roots, CancellationToken ct)
    {
        var script = anchorFolder is null ? null : Path.Join(anchorFolder, "count-pair.mjs");
        if (script is null || !File.Exists(script) || !Directory.Exists(Path.Join(anchorFolder, "node_modules", "pixelmatch")))
            return "pixelmatch counts not checked: run `npm install --prefix bench/anchors` (needs node)";
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, before, after })
            info.ArgumentList.Add(arg);
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "pixelmatch counts not checked: node is not on PATH";
        }
        using (process)
        {
            var output = (await process!.StandardOutput.ReadToEndAsync(ct)).Trim().Split(' ');
            await process.WaitForExitAsync(ct);
            if (output.Length != 2 || !long.TryParse(output[0], out var excluded) || !long.TryParse(output[1], out var included))
                return $"pixelmatch counts not checked: count-pair.mjs printed '{string.Join(' ', output)}'";
            var options = new VisualDiffOptions { DiffImage = DiffImageKind.None };
            var ours = await differ.DiffAsync(before, after, roots, options, ct);
            var oursAa = await differ.DiffAsync(before, after, roots, options with { IncludeAntialiasing = true }, ct);
            var same = ours.DiffPixels == excluded && oursAa.DiffPixels == included;
            return $"pixelmatch 7.2.0 counts {excluded} / {included} (AA excluded / included); ours {ours.DiffPixels} / {oursAa.DiffPixels}: {(same ? "equal" : "DIFFERENT")}";
        }
    }
}
