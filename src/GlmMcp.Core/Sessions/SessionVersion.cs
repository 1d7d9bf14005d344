namespace GlmMcp.Core.Sessions;

/// <summary>
/// One saved state of a session's page. The code, its render and the diff to <see cref="Parent"/> are files in the
/// version's folder (<see cref="SessionStore.ReadCodeAsync"/>, <see cref="SessionStore.ReadRenderAsync"/>).
/// </summary>
/// <param name="Kind">What made it: <c>generate</c>, <c>refine</c>, <c>edit</c> or <c>import</c>.</param>
/// <param name="Score">The layout-aware score against the target (0–100), when there was a target.</param>
/// <param name="Parent">The version it was made from (0 for the first).</param>
public sealed record SessionVersion(
    string SessionId,
    int Number,
    int Parent,
    string Kind,
    string? Instruction,
    double? Score,
    DateTimeOffset Created,
    bool HasRender)
{
    /// <summary>The MCP resource address of the version's code.</summary>
    public string CodeUri => SessionUris.Code(SessionId, Number);

    /// <summary>The MCP resource address of the version's render, when it has one.</summary>
    public string? RenderUri => HasRender ? SessionUris.Render(SessionId, Number) : null;
}
