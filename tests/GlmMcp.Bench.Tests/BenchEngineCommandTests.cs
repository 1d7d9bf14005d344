
namespace GlmMcp.Bench.Tests;

public sealed class BenchEngineCommandTests
{
    [Fact]
    public async Task Bench_engine_without_a_model_measures_the_tiny_model_and_prints_only_the_report_on_stdout()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "engine", "--runs", "1", "--tokens", "4");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("local engine on the synthetic tiny model (glm4", run.Stdout);
        Assert.Contains("prompt eval tok/s: ours", run.Stdout);
        Assert.Contains("generation tok/s: ours", run.Stdout);
        Assert.Contains("KV cache reused yes", run.Stdout);
        Assert.DoesNotContain("llama", run.Stdout);
        Assert.DoesNotContain("clip", run.Stdout);
    }

    [Fact]
    public async Task Bench_engine_on_a_file_that_is_not_a_model_exits_2_with_the_reason()
    {
        using var folder = new TempFolder();
        var notModel = folder.File("model.gguf");
        await File.WriteAllTextAsync(notModel, "not a model");

        var run = await BenchRun.RunAsync(folder.Path, "engine", "--model", notModel, "--mmproj", notModel);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a usable GGUF", run.Stderr);
    }
}
