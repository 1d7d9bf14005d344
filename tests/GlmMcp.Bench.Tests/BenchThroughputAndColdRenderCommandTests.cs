namespace GlmMcp.Bench.Tests;

/// <summary>The throughput and cold-render verbs run the real server and Chromium to the end and print every row.</summary>
public sealed class BenchThroughputAndColdRenderCommandTests
{
    [Fact]
    public async Task Bench_throughput_answers_every_overlapping_call_and_reports_renders_per_second_and_memory_per_tab()
    {
        using var folder = new TempFolder();
        using var noAnchors = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "throughput", "--clients", "2", "--calls", "4", "--pool", "2", "--rounds", "1", "--anchors", noAnchors.Path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(BenchRun.Row(run.Stdout, "glm-mcp: all calls answered (wall clock)") > 0);
        Assert.True(BenchRun.Row(run.Stdout, "glm-mcp: one render_page call") > 0);
        Assert.Matches(@"glm-mcp: [0-9.]+ renders/s; Chromium [1-9][0-9]* MB PSS in [1-9][0-9]* processes for 4 tabs", run.Stdout);
        Assert.Contains("Playwright MCP not measured", run.Stdout);
        Assert.DoesNotContain("failed", run.Stdout);
    }

    [Fact]
    public async Task Bench_coldrender_splits_the_first_render_into_its_steps_and_compares_a_variant()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "coldrender", "--runs", "1", "--variant", "--no-zygote");

        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var row in new[] { "1. launch (process, pipe, first target, offline context)", "2. open the tab (window, request interception)",
                     "3a. viewport + page load", "3b. first screenshot", "whole first render (PageRenderer)", "whole first render with --no-zygote",
                     "first render after the prelaunch finished" })
            Assert.True(BenchRun.Row(run.Stdout, row) > 0, $"{row} has a positive median");
        Assert.Contains("anchor (issue 15): 763 ms", run.Stdout);
    }
}
