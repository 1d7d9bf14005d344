namespace GlmMcp.Core.Sessions;

/// <summary>What a workflow hands <see cref="SessionStore.AddVersionAsync"/> to save.</summary>
/// <param name="RenderPng">The page's render at the session's viewport, PNG; null when it was not rendered.</param>
/// <param name="Files">The project files the version wrote on disk (an edit by path), so undo can write them back; null for none.</param>
public sealed record NewSessionVersion(string Code, byte[]? RenderPng, string Kind, string? Instruction, double? Score,
    IReadOnlyList<SessionFileChange>? Files = null);
