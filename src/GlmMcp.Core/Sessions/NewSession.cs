namespace GlmMcp.Core.Sessions;

/// <summary>The fixed settings of a session being created.</summary>
/// <param name="TargetPng">The screenshot or design the page should look like, PNG; kept for later rounds.</param>
public sealed record NewSession(int Width, int Height, double DeviceScaleFactor, string Stack, string? SourcePath = null, byte[]? TargetPng = null);
