using System.Text.Json.Serialization;
using GlmMcp.Core.Rendering;

namespace GlmMcp.Server.Tools;

/// <summary>The text block beside <c>render_page</c>'s image: size, time, and what the sandbox blocked or the page logged.</summary>
public sealed record RenderPageMetrics(
    int Width,
    int Height,
    long ElapsedMs,
    IReadOnlyList<string> BlockedRequests,
    IReadOnlyList<string> ConsoleErrors)
{
    public static RenderPageMetrics From(RenderResult result) =>
        new(result.Width, result.Height, result.ElapsedMs, result.BlockedRequests, result.ConsoleErrors);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RenderPageMetrics))]
internal sealed partial class RenderPageJsonContext : JsonSerializerContext;
