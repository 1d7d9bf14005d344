namespace GlmMcp.Testing.Fidelity;

/// <summary>What <see cref="FidelityRun"/> rendered: the cases to score and the perceptible mutations that changed no pixel.</summary>
public sealed record FidelityCorpusRenders(IReadOnlyList<FidelityCase> Cases, IReadOnlyList<Mutation> Unchanged);
