using GlmMcp.Core.Imaging;

namespace GlmMcp.Testing.Fidelity;

/// <summary>A reference render and the render of one mutation of the same page, decoded.</summary>
public sealed record FidelityCase(Mutation Mutation, RgbaImage Reference, RgbaImage Mutated);
