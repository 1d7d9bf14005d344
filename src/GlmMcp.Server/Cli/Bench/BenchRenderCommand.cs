using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Configuration;

namespace GlmMcp.Server.Cli.Bench;

/// <summary>
/// <c>glm-mcp bench render</c>: median cold first render (Chromium launch included) and warm render of new HTML at
/// 1280×800 PNG, next to Playwright's own figures with the same Chromium in the same run (playwright-core under
/// <c>tests/anchors</c>). Anchor from the issue: Playwright MCP ~700 ms first navigate, ~77 ms per warm screenshot.
/// </summary>
internal static class BenchRenderCommand
{
    private const int Width = 1280;
    private const int Height = 800;
    private const int WarmUpRuns = 3;
    private const string OursCold = "glm-mcp cold first render";
    private const string OursWarm = "glm-mcp warm render";
    private const string AnchorCold = "Playwright cold (anchor)";
    private const string AnchorWarm = "Playwright warm (anchor)";

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Warm renders to time (after 3 warm-ups).", DefaultValueFactory = _ => 30 };
        var coldRuns = new Option<int>("--cold-runs") { Description = "Cold starts to time (each launches Chromium).", DefaultValueFactory = _ => 5 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/playwright-core (default: tests/anchors of this checkout)." };
        var command = new Command("render", "Median cold first render (launch included) and warm render of new HTML at 1280×800 PNG, ours and Playwright's.");
        command.Options.Add(runs);
        command.Options.Add(coldRuns);
        command.Options.Add(anchors);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var options = configuration.GetSection(RenderingOptions.Section).Get<RenderingOptions>() ?? new RenderingOptions();
            var executable = ChromiumLocator.Locate(options);
            var report = new BenchReport($"render_page, new HTML at {Width}×{Height} PNG, Chromium {executable}");
            var urls = new UrlPolicy([]);

            for (var i = 0; i < Math.Max(1, result.GetValue(coldRuns)); i++)
            {
                await using var renderer = new PageRenderer(options, urls);
                await report.TimeAsync(OursCold, () => renderer.RenderAsync(Request(i), ct));
            }
            await using (var renderer = new PageRenderer(options, urls))
            {
                for (var i = 0; i < WarmUpRuns; i++)
                    await renderer.RenderAsync(Request(-1 - i), ct);
                for (var i = 0; i < Math.Max(1, result.GetValue(runs)); i++)
                    await report.TimeAsync(OursWarm, () => renderer.RenderAsync(Request(i), ct));
            }

            var anchorFolder = result.GetValue(anchors)?.FullName ?? BenchStartupCommand.FindCheckoutAnchors();
            var script = anchorFolder is null ? null : Path.Join(anchorFolder, "render-anchor.mjs");
            if (script is not null && Directory.Exists(Path.Join(anchorFolder, "node_modules", "playwright-core")))
            {
                var anchor = await RunPlaywrightAsync(script, executable, result.GetValue(runs), result.GetValue(coldRuns), ct);
                foreach (var ms in anchor.Cold)
                    report.Add(AnchorCold, ms);
                foreach (var ms in anchor.Warm)
                    report.Add(AnchorWarm, ms);
            }
            else
            {
                report.Note("anchor not measured: run `npm ci --prefix tests/anchors` to install playwright-core");
            }
            report.Ratio("warm render vs Playwright setContent+screenshot", OursWarm, AnchorWarm);
            report.Ratio("cold first render vs Playwright launch+first render", OursCold, AnchorCold);
            report.Note("goals: warm ratio ≤ 1.0 (issue anchor: Playwright MCP ~77 ms per warm screenshot); cold ≤ 700 ms");
            report.Print(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The benchmark page with <paramref name="n"/> in it, so every render is new HTML.</summary>
    private static RenderRequest Request(int n) => new() { Html = BenchPage.Html(n), Width = Width, Height = Height };

    private static async Task<(double[] Cold, double[] Warm)> RunPlaywrightAsync(string script, string executable, int runs, int coldRuns, CancellationToken ct)
    {
        var page = Path.Join(Path.GetTempPath(), $"glm-mcp-bench-{Environment.ProcessId}.html");
        await File.WriteAllTextAsync(page, BenchPage.Template, ct);
        try
        {
            var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { script, page, executable, runs.ToString(System.Globalization.CultureInfo.InvariantCulture), coldRuns.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info) ?? throw new Core.UserInputException("Could not start node for the Playwright anchor.");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new Core.UserInputException($"The Playwright anchor failed (exit {process.ExitCode}): {await stderr}");
            using var json = JsonDocument.Parse(stdout);
            double[] Read(string name) => json.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return (Read("cold"), Read("warm"));
        }
        finally
        {
            File.Delete(page);
        }
    }
}
