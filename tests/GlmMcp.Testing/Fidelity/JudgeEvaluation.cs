using System.Diagnostics;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// The judge measured on rendered corpus cases: each case scored by <see cref="LayoutScorer"/> (the target prepared
/// once per page), ROC AUC of imperceptible against perceptible mutations, the worst cases, and how many mutated
/// elements the refine prompt's named differences cover (a named box that meets the element's box, before or after).
/// </summary>
public sealed class JudgeEvaluation
{
    private JudgeEvaluation(IReadOnlyList<JudgedCase> cases) => Cases = cases;

    public IReadOnlyList<JudgedCase> Cases { get; }

    public IEnumerable<JudgedCase> Perceptible => Cases.Where(c => c.Kind.IsPerceptible());

    public IEnumerable<JudgedCase> Imperceptible => Cases.Where(c => !c.Kind.IsPerceptible());

    public static JudgeEvaluation Run(IReadOnlyList<FidelityCase> cases)
    {
        var prepared = new Dictionary<RgbaImage, LayoutTarget>(ReferenceEqualityComparer.Instance);
        var judged = new List<JudgedCase>(cases.Count);
        foreach (var c in cases)
        {
            if (!prepared.TryGetValue(c.Reference, out var target))
                prepared[c.Reference] = target = LayoutScorer.Prepare(c.Reference);
            var clock = Stopwatch.GetTimestamp();
            var score = LayoutScorer.Score(target, c.Mutated);
            var ms = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
            judged.Add(new JudgedCase(c, score, ms, Covers(ScreenshotToCodePrompts.Listed(score), c.Mutation.Box)));
        }
        return new JudgeEvaluation(judged);
    }

    /// <summary>Probability that an imperceptible case outscores a perceptible one (ties count half).</summary>
    public double Auc => RocAuc(Imperceptible.Select(c => c.Score.Total).ToList(), Perceptible.Select(c => c.Score.Total).ToList());

    /// <summary>Share of perceptible cases whose mutated element a named difference covers.</summary>
    public double Coverage => Perceptible.Average(c => c.Covered ? 1.0 : 0);

    /// <summary>Perceptible cases scoring at or above <paramref name="target"/> and imperceptible ones below it.</summary>
    public IEnumerable<JudgedCase> Misjudged(double target) =>
        Perceptible.Where(c => c.Score.Total >= target).Concat(Imperceptible.Where(c => c.Score.Total < target));

    /// <summary>The highest-scoring perceptible and the lowest-scoring imperceptible cases.</summary>
    public (IReadOnlyList<JudgedCase> Perceptible, IReadOnlyList<JudgedCase> Imperceptible) Worst(int count) =>
        (Perceptible.OrderByDescending(c => c.Score.Total).Take(count).ToList(), Imperceptible.OrderBy(c => c.Score.Total).Take(count).ToList());

    public static double RocAuc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0)
            return double.NaN;
        double wins = 0;
        foreach (var p in positives)
        {
            foreach (var n in negatives)
                wins += p > n ? 1 : p == n ? 0.5 : 0;
        }
        return wins / ((double)positives.Count * negatives.Count);
    }

    private static bool Covers(IEnumerable<LayoutDifference> named, PixelRect element) =>
        named.Any(d => d.X < element.Right && element.X < d.X + d.Width && d.Y < element.Bottom && element.Y < d.Y + d.Height);
}
