using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Testing.Fidelity;

/// <summary>A corpus case with the judge's score, the time scoring took, and whether a named difference covers the mutated element.</summary>
public sealed record JudgedCase(FidelityCase Case, LayoutScore Score, double ScoreMs, bool Covered)
{
    public MutationKind Kind => Case.Mutation.Kind;

    public override string ToString() => $"{Score.Total:0.0} {Case.Mutation}";
}
