using GlmMcp.Inference.Local;

namespace GlmMcp.Bench.Engine;

/// <summary>The rounds of a <see cref="LocalEngineBenchmark"/> (warm-up excluded) and the model it ran on.</summary>
public sealed record LocalEngineBenchmarkResult(LocalModelInfo Model, TimeSpan LoadTime, IReadOnlyList<LocalEngineBenchmarkRun> Runs)
{
    public double Median(Func<LocalEngineBenchmarkRun, double> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var sorted = Runs.Select(metric).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Our prompt-eval speed over the executor's (goal ≥ 0.95).</summary>
    public double PromptSpeedRatio => Median(r => r.OursPromptTokensPerSecond) / Median(r => r.ExecutorPromptTokensPerSecond);

    /// <summary>Our generation speed over the executor's (goal ≥ 0.95).</summary>
    public double GenerationSpeedRatio =>
        Median(r => r.OursGenerationTokensPerSecond) / Median(r => r.ExecutorGenerationTokensPerSecond);
}
