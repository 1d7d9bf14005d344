using System.Text.Json.Serialization;

namespace GlmMcp.Core.Workflows.Eval;

/// <summary>Source-generated JSON for <c>report.json</c> (camelCase, enums as their names, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EvalReport))]
public sealed partial class EvalJsonContext : JsonSerializerContext;
