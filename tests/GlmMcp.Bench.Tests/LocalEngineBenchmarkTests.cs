using GlmMcp.Bench.Engine;
using GlmMcp.Bench.Micro;
using GlmMcp.Inference.Local;

namespace GlmMcp.Bench.Tests;

/// <summary>Keeps the benchmark behind <c>glm-mcp-bench engine</c> working; it asserts what was measured, not how fast.</summary>
public sealed class LocalEngineBenchmarkTests
{
    [Fact]
    public async Task The_benchmark_drives_both_engines_to_the_same_token_count_and_sees_the_cache_reused()
    {
        using var files = new TinyModelFiles();
        var options = new LocalEngineOptions { ModelPath = files.Dense, MmprojPath = files.Mmproj, ContextSize = 2048, Threads = 2 };

        var result = await new LocalEngineBenchmark(options).RunAsync(ScreenshotPair.Png(120, 80).Before, runs: 1, generatedTokens: 6);

        var run = Assert.Single(result.Runs);
        Assert.Equal("glm4", result.Model.Architecture);
        Assert.Equal(6, run.GeneratedTokens);
        Assert.Equal(6, run.ExecutorGeneratedTokens);
        Assert.True(run.OursImageEncodeTime > TimeSpan.Zero);
        Assert.True(run.FollowUpReusedTokens > 20, $"reused {run.FollowUpReusedTokens} of {run.FollowUpPromptTokens}");
        Assert.True(run.RefineReusedTokens >= run.RefinePrefixTokens * 0.9, $"refine round 2 reused {run.RefineReusedTokens} of a {run.RefinePrefixTokens}-token prefix");
        Assert.Equal(1, run.RefineReusedImages);
        Assert.True(run.RefinePromptTokens > run.RefinePrefixTokens);
        Assert.True(result.PromptSpeedRatio > 0);
        Assert.True(result.GenerationSpeedRatio > 0);
    }
}
