namespace GlmMcp.Core.Documents;

/// <summary>A video's length and natural size, the frames taken from it in time order, and what took them.</summary>
public sealed record SampledVideo(double DurationSeconds, int Width, int Height, IReadOnlyList<MediaImage> Frames, FrameSource Source);
