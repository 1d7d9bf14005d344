namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// What <see cref="FidelityRun"/> rendered: the cases to score, the perceptible mutations that changed no pixel, and the
/// mutations whose render failed (page/kind#seed and why).
/// </summary>
public sealed record FidelityCorpusRenders(IReadOnlyList<FidelityCase> Cases, IReadOnlyList<Mutation> Unchanged, IReadOnlyList<string> Failed);
