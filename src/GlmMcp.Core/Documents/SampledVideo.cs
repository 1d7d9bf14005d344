namespace GlmMcp.Core.Documents;

/// <summary>A video's length and natural size, and the frames taken from it in time order.</summary>
public sealed record SampledVideo(double DurationSeconds, int Width, int Height, IReadOnlyList<MediaImage> Frames);
