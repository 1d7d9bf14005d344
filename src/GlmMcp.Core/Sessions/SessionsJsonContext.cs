using System.Text.Json.Serialization;

namespace GlmMcp.Core.Sessions;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(SessionVersion))]
[JsonSerializable(typeof(List<SessionFileChange>))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
