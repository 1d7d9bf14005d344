namespace GlmMcp.Core.Imaging;

/// <summary>Where a comparison spent its time, in milliseconds.</summary>
public sealed record VisualDiffTimings(double DecodeMs, double CompareMs, double RegionsMs, double EncodeMs, double TotalMs);
