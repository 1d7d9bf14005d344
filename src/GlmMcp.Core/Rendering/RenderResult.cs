namespace GlmMcp.Core.Rendering;

/// <summary>A screenshot and what happened while the page loaded.</summary>
/// <param name="Image">The encoded image (PNG or JPEG).</param>
/// <param name="MimeType"><c>image/png</c> or <c>image/jpeg</c>.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="ElapsedMs">Time spent rendering, queueing included.</param>
/// <param name="BlockedRequests">URLs the sandbox refused to load, in request order.</param>
/// <param name="ConsoleErrors">console.error messages and uncaught exceptions of the page.</param>
/// <param name="ScriptResult">What <see cref="RenderRequest.Script"/> returned; null without a script.</param>
/// <param name="MatchedRules">The author rules matching the element <see cref="RenderRequest.MatchedRulesFor"/> chose, the winning one first; null when none was chosen.</param>
/// <param name="MatchedRulesMs">Time spent reading them through the CSS domain.</param>
public sealed record RenderResult(
    byte[] Image,
    string MimeType,
    int Width,
    int Height,
    long ElapsedMs,
    IReadOnlyList<string> BlockedRequests,
    IReadOnlyList<string> ConsoleErrors,
    string? ScriptResult = null,
    IReadOnlyList<MatchedCssRule>? MatchedRules = null,
    double MatchedRulesMs = 0);
