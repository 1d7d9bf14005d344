namespace GlmMcp.Bench.Tests;

public sealed class BenchDiffCommandTests
{
    [Fact]
    public async Task Diff_on_a_pair_times_visual_diff_over_mcp_on_the_real_server_beside_the_in_process_path()
    {
        using var folder = new TempFolder();
        var before = folder.File("before.png");
        var after = folder.File("after.png");
        await File.WriteAllBytesAsync(before, Solid(255, 255, 255));
        await File.WriteAllBytesAsync(after, Solid(200, 0, 0));

        var run = await BenchRun.RunAsync(folder.Path, "diff", before, after, "--runs", "2", "--anchors", folder.Path);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var overMcp = BenchRun.Row(run.Stdout, "visual_diff over MCP (stdio, image as returned)");
        Assert.True(overMcp > 0, run.Stdout);
        // The round trip splits into the server's differ (its elapsedMs) and the rest.
        Assert.InRange(BenchRun.Row(run.Stdout, "  of which the differ in the server (elapsedMs)"), 0, overMcp);
        Assert.InRange(BenchRun.Row(run.Stdout, "  of which the rest (transport, JSON, base64)"), 0, overMcp);
        Assert.True(BenchRun.Row(run.Stdout, "server CPU time per MCP call, all threads") >= 0, run.Stdout);
        Assert.True(BenchRun.Row(run.Stdout, "total (+ PNG written)") > 0, run.Stdout);
        Assert.Contains("64×48 (3072 changed", run.Stdout);
    }

    /// <summary>A 64×48 RGB PNG of one colour.</summary>
    private static byte[] Solid(byte r, byte g, byte b) =>
        PngBuilder.Build(64, 48, PngBuilder.Rgb, 8, [.. Enumerable.Range(0, 48).Select(_ => Enumerable.Range(0, 64).SelectMany(_ => new[] { r, g, b }).ToArray())]);
}
