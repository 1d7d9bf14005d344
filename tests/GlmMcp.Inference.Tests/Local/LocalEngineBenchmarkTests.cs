using GlmMcp.Inference.Local;
using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

/// <summary>Keeps the benchmark behind <c>glm-mcp bench engine</c> working; it asserts what was measured, not how fast.</summary>
public sealed class LocalEngineBenchmarkTests(TinyEngineFixture fixture) : IClassFixture<TinyEngineFixture>
{
    [Fact]
    public async Task The_benchmark_drives_both_engines_to_the_same_token_count_and_sees_the_cache_reused()
    {
        var options = new LocalEngineOptions { ModelPath = fixture.Files.Dense, MmprojPath = fixture.Files.Mmproj, ContextSize = 2048, Threads = 2 };

        var result = await new LocalEngineBenchmark(options).RunAsync(TestImages.Png(), runs: 1, generatedTokens: 6);

        var run = Assert.Single(result.Runs);
        Assert.Equal("glm4", result.Model.Architecture);
        Assert.Equal(6, run.GeneratedTokens);
        Assert.Equal(6, run.ExecutorGeneratedTokens);
        Assert.True(run.OursImageEncodeTime > TimeSpan.Zero);
        Assert.True(run.FollowUpReusedTokens > 20, $"reused {run.FollowUpReusedTokens} of {run.FollowUpPromptTokens}");
        Assert.True(result.PromptSpeedRatio > 0);
        Assert.True(result.GenerationSpeedRatio > 0);
    }
}
