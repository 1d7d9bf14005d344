namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// What one round of <see cref="ScreenshotToCodeWorkflow"/> made, for callers that keep every round (glm-mcp eval):
/// the model's code, its render at the target's size, and the diff overlay (null when the render equals the target).
/// </summary>
public sealed record RoundCapture(int Round, string Code, byte[] RenderPng, byte[]? DiffPng);
