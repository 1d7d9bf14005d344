namespace GlmMcp.Bench.Tests;

/// <summary>
/// <c>bench startup</c> and <c>bench render</c> drive the real server over stdio with their own bare client; without
/// the npm anchors they still measure our side and say what is missing. Figures are printed, never asserted.
/// </summary>
public sealed class BenchStartupAndRenderCommandTests
{
    [Fact]
    public async Task Bench_startup_times_initialize_and_the_first_tools_list_of_the_real_server()
    {
        using var folder = new TempFolder();
        using var noAnchors = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "startup", "--runs", "1", "--anchors", noAnchors.Path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var initialize = BenchRun.Row(run.Stdout, "glm-mcp (this build) initialize");
        var tools = BenchRun.Row(run.Stdout, "glm-mcp (this build) tools/list");
        Assert.True(tools >= initialize, $"tools/list ({tools} ms) is answered after initialize ({initialize} ms)");
        Assert.Contains("@z_ai/mcp-server not measured: run `npm install --prefix bench/anchors`", run.Stdout);
        Assert.Contains("Playwright MCP not measured: run `npm install --prefix bench/anchors`", run.Stdout);
    }

    [Fact]
    public async Task Bench_startup_refuses_an_installed_package_path_that_does_not_exist()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "startup", "--runs", "1", "--installed", folder.File("no-such-glm-mcp"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file; install the package first", run.Stderr + run.Stdout);
    }

    [Fact]
    public async Task Bench_render_measures_in_process_and_over_stdio_first_and_warm_calls()
    {
        using var folder = new TempFolder();
        using var noAnchors = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "render", "--runs", "3", "--cold-runs", "1", "--anchors", noAnchors.Path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var row in new[] { "glm-mcp cold first render", "glm-mcp warm render", "glm-mcp first render_page call (stdio)", "glm-mcp warm render_page call (stdio)", "glm-mcp first render_page call 1 s after tools/list (stdio)" })
            Assert.True(BenchRun.Row(run.Stdout, row) > 0, $"{row} has a positive median");
        Assert.Contains("Playwright MCP not measured", run.Stdout);
    }
}
