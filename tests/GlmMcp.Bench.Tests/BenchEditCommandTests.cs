using System.Globalization;
using System.Text.RegularExpressions;

namespace GlmMcp.Bench.Tests;

/// <summary>The <c>edit</c> verb on a small page: every row is measured and the goals are printed (figures are printed, never asserted).</summary>
public sealed class BenchEditCommandTests
{
    [Fact]
    public async Task Bench_edit_measures_the_mapping_and_the_rounds_beside_the_single_file_round()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "edit", "--runs", "1", "--cards", "40");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        foreach (var row in new[] { "static: measuring render (page load, script, CSS rules, screenshot)", "single-file round (anchor)", "multi-file round (HTML + CSS)" })
            Assert.True(Row(run.Stdout, row) > 0, $"{row} has a positive median");
        Assert.Matches(@"multi-file round vs single-file round: ratio [0-9.]+", run.Stdout);
        Assert.Matches(@"goal (met|missed): static element → source mapping", run.Stdout);
        Assert.Matches(@"goal (met|missed): the multi-file round is", run.Stdout);
    }

    private static double Row(string report, string name)
    {
        var match = Regex.Match(report, "^" + Regex.Escape(name) + @"\s+(?<median>[0-9.]+)\s", RegexOptions.Multiline);
        Assert.True(match.Success, $"no row '{name}' in:\n{report}");
        return double.Parse(match.Groups["median"].Value, CultureInfo.InvariantCulture);
    }
}
