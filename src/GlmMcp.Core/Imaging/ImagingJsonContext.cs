using System.Text.Json.Serialization;

namespace GlmMcp.Core.Imaging;

/// <summary>Source-generated JSON for the imaging results (camelCase, as the tools document them).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VisualDiffResult))]
public sealed partial class ImagingJsonContext : JsonSerializerContext;
