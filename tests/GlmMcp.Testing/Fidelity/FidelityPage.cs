namespace GlmMcp.Testing.Fidelity;

/// <summary>One reference page of the fidelity corpus: self-contained HTML (nothing loads from the network) and the CSS viewport it is rendered at.</summary>
public sealed record FidelityPage(string Name, string Html, int Width, int Height);
