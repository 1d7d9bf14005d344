namespace GlmMcp.Core.Rendering;

/// <summary>A validated request: what to load (HTML text, or a URL to navigate to) and the sandbox that applies.</summary>
/// <param name="Html">HTML text to set as the document, or null to navigate to <paramref name="NavigateTo"/>.</param>
/// <param name="NavigateTo">A file:// or http(s) URL already checked against the roots or URL policy.</param>
/// <param name="Sandbox">The requests the page may make.</param>
/// <param name="InlineHtml">HTML text that arrived as an inline argument, set as the document in pieces (<see cref="InlineHtmlContent"/>).</param>
internal sealed record RenderPlan(string? Html, string? NavigateTo, RenderSandbox Sandbox, Arguments.InlineValue? InlineHtml = null);
