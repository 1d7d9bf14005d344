namespace GlmMcp.Core.Documents;

/// <summary>The size a page or frame is drawn at (on GLM-4.6V's 28-pixel grid, so the server does not resample it) and its token cost.</summary>
public sealed record PlannedImage(int Width, int Height, int Tokens);
