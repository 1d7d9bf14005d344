using System.CommandLine;
using System.Diagnostics;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Server.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PuppeteerSharp;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench coldrender</c>: where the first <c>render_page</c> in-process goes (issue 15's anchor: 763 ms;
/// goal under 600 ms): Chromium's launch (process, pipe, first target, the offline context), opening the tab, and the
/// first render on it; the whole first render through <see cref="PageRenderer"/>; the first render after a prelaunch
/// had time to finish (what a client's first call meets after the handshake); and the whole first render with other
/// Chromium switches (<c>--variant</c>, each a space-separated list), beside ours in the same run, alternating.
/// </summary>
internal static class BenchColdRenderCommand
{
    private const double AnchorMs = 763;
    private const double GoalMs = 600;
    private const string Html = "<!doctype html><h1>Hello</h1><p>The first render of a fresh server.</p>";

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Cold starts per measure (default 5).", DefaultValueFactory = _ => 5 };
        var variants = new Option<string[]>("--variant")
        {
            Description = "Extra Chromium switches to compare, space-separated (repeatable). Default: '--no-zygote' and '--no-zygote --renderer-process-limit=1'.",
            DefaultValueFactory = _ => ["--no-zygote", "--no-zygote --renderer-process-limit=1"],
        };
        var command = new Command("coldrender", "Where the first render in-process goes (launch, tab, render), after a prelaunch, and with other Chromium switches.");
        command.Options.Add(runs);
        command.Options.Add(variants);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var options = configuration.GetSection(RenderingOptions.Section).Get<RenderingOptions>() ?? new RenderingOptions();
            var executable = ChromiumLocator.Locate(options);
            var urls = new UrlPolicy([]);
            var report = new BenchReport($"first render in-process, {executable}; {Environment.ProcessorCount} cores, load {BenchReport.LoadAverage()}");
            var extra = result.GetValue(variants) ?? [];
            for (var i = 0; i < Math.Max(1, result.GetValue(runs)); i++)
            {
                await PhasesAsync(report, executable, options, urls, ct);
                await report.TimeAsync("whole first render (PageRenderer)", () => FirstRenderAsync(options, urls, ct));
                foreach (var variant in extra)
                {
                    var switched = Copy(options, variant.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    await report.TimeAsync($"whole first render with {variant}", () => FirstRenderAsync(switched, urls, ct));
                }
                await AfterPrelaunchAsync(report, options, urls, ct);
            }
            var ours = report.Median("whole first render (PageRenderer)");
            report.Note($"anchor (issue 15): {AnchorMs:0} ms; ours {ours:0} ms, ratio {ours / AnchorMs:0.00}; goal < {GoalMs:0} ms: {(ours < GoalMs ? "met" : "missed")}");
            foreach (var variant in extra)
                report.Ratio($"with {variant} vs as shipped", $"whole first render with {variant}", "whole first render (PageRenderer)");
            report.Note("the server prelaunches Chromium right after answering initialize, so a client's first call usually meets the 'after prelaunch' figure (it still opens its tab)");
            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The first render split into its steps, with the same building blocks <see cref="PageRenderer"/> uses.</summary>
    private static async Task PhasesAsync(BenchReport report, string executable, RenderingOptions options, UrlPolicy urls, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var handle = await BrowserHandle.LaunchAsync(executable, options, urls, NullLoggerFactory.Instance);
        await using (handle)
        {
            report.Add("1. launch (process, pipe, first target, offline context)", clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var page = await PooledPage.OpenAsync(handle, offline: true, options.FrameWait, NullLogger.Instance);
            report.Add("2. open the tab (window, request interception)", clock.Elapsed.TotalMilliseconds);
            page.Begin(new RenderCapture(RenderSandbox.Offline()));
            clock.Restart();
            await page.EnsureViewportAsync(1280, 800, 1);
            await page.Page.SetContentAsync(Html, new SetContentOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] }).WaitAsync(ct);
            report.Add("3a. viewport + page load", clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await page.Page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png, OptimizeForSpeed = true, CaptureBeyondViewport = false }).WaitAsync(ct);
            report.Add("3b. first screenshot", clock.Elapsed.TotalMilliseconds);
        }
    }

    private static async Task<RenderResult> FirstRenderAsync(RenderingOptions options, UrlPolicy urls, CancellationToken ct)
    {
        await using var renderer = new PageRenderer(options, urls);
        return await renderer.RenderAsync(new RenderRequest { Html = Html }, ct);
    }

    private static async Task AfterPrelaunchAsync(BenchReport report, RenderingOptions options, UrlPolicy urls, CancellationToken ct)
    {
        await using var renderer = new PageRenderer(options, urls);
        renderer.Prelaunch();
        var until = DateTime.UtcNow + PageRenderer.StartupTimeout;
        while (renderer.BrowserProcessId is null && DateTime.UtcNow < until)
            await Task.Delay(20, ct);
        await report.TimeAsync("first render after the prelaunch finished", () => renderer.RenderAsync(new RenderRequest { Html = Html }, ct));
    }

    private static RenderingOptions Copy(RenderingOptions options, IEnumerable<string> extraArgs) => new()
    {
        ChromiumPath = options.ChromiumPath,
        TimeoutSeconds = options.TimeoutSeconds,
        PoolSize = options.PoolSize,
        MaxQueuedPerClient = options.MaxQueuedPerClient,
        Prelaunch = options.Prelaunch,
        ExtraArgs = [.. options.ExtraArgs, .. extraArgs],
    };
}
