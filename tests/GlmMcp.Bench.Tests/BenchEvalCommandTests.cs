namespace GlmMcp.Bench.Tests;

public sealed class BenchEvalCommandTests
{
    [Fact]
    public async Task Eval_on_the_scripted_engine_prints_a_curve_that_rises_to_100_and_leaves_the_report()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "eval", "--pages", "pricing", "--out", folder.Path);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Matches(@"2 of 2 cases produced a page, 2 reached 95; curve \(mean best by round\) (\d+\.\d) → 100\.0", run.Stdout);
        Assert.DoesNotMatch(@"curve \(mean best by round\) 100\.0", run.Stdout);
        Assert.Contains("case 1/2 pricing-warm: rounds ", run.Stdout);
        Assert.True(File.Exists(Path.Join(folder.Path, "report", "report.html")));
        Assert.True(File.Exists(Path.Join(folder.Path, "report", "report.json")));
    }
}
