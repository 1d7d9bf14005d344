namespace GlmMcp.Core.Sessions;

/// <summary>What a workflow hands <see cref="SessionStore.AddVersionAsync"/> to save.</summary>
/// <param name="RenderPng">The page's render at the session's viewport, PNG; null when it was not rendered.</param>
public sealed record NewSessionVersion(string Code, byte[]? RenderPng, string Kind, string? Instruction, double? Score);
