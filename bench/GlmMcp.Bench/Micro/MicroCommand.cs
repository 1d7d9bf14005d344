using System.CommandLine;
using BenchmarkDotNet.Running;

namespace GlmMcp.Bench.Micro;

/// <summary>
/// <c>glm-mcp-bench micro [BenchmarkDotNet arguments]</c>: the BenchmarkDotNet micro-benchmarks of the hot loops
/// (decode, compare, regions, PNG encode, scoring, prompt building). Arguments go to BenchmarkDotNet unchanged, e.g.
/// <c>--filter *Imaging*</c>, <c>--job short</c>, <c>--list flat</c>.
/// </summary>
internal static class MicroCommand
{
    public static Command Create()
    {
        var command = new Command("micro",
            "BenchmarkDotNet micro-benchmarks of the hot loops (decode, compare, regions, PNG encode, scoring, prompt building). " +
            "Run from a Release build; the remaining arguments go to BenchmarkDotNet (e.g. --filter '*Imaging*' --job short).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result =>
        {
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run([.. result.UnmatchedTokens]);
            return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
        });
        return command;
    }
}
