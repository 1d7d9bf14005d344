namespace GlmMcp.Bench.Tests;

/// <summary><c>glm-mcp-bench micro</c> hands its arguments to BenchmarkDotNet; listing proves every hot loop is registered.</summary>
public sealed class MicroCommandTests
{
    [Fact]
    public async Task Micro_lists_the_benchmark_of_every_hot_loop()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "micro", "--list", "flat");

        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var name in new[] { "ImagingBenchmarks.Decode", "ImagingBenchmarks.CompareAndRelease", "ImagingBenchmarks.Regions",
                     "ImagingBenchmarks.EncodeOverlayPng", "ScoringBenchmarks.Score", "ScoringBenchmarks.PrepareTarget", "PromptBenchmarks.BuildRefinePrompt", "CompareBenchmarks.InTurn", "CompareBenchmarks.SideBySide",
                     "ImagingBenchmarks.ShrinkToReturnedSize", "ImagingBenchmarks.DrawOverlayDownToReturnedSize",
                     "ImagingBenchmarks.EncodeReturnedOverlayPng", "ImagingBenchmarks.EncodeReturnedOverlayPngAtLevel6" })
            Assert.Contains(name, run.Stdout);
    }
}
