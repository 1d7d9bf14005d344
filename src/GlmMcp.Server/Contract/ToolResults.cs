using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Contract;

/// <summary>
/// Builds every tool's answer the same way: the typed result as <c>structuredContent</c> (camelCase, matching the
/// <c>outputSchema</c> the SDK derives from the same type), the same JSON as a text block for clients that read only
/// text, and the images and code blocks beside it.
/// </summary>
internal static class ToolResults
{
    /// <summary>The result serialised as the tool's structured content.</summary>
    public static JsonElement Structured<T>(T result) =>
        JsonSerializer.SerializeToElement(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T)));

    /// <summary>The JSON text block that mirrors the structured content.</summary>
    public static TextContentBlock Text(JsonElement structured) => new() { Text = structured.GetRawText() };

    /// <summary>A result whose content is <paramref name="content"/> and whose structured content is <paramref name="structured"/>.</summary>
    public static CallToolResult Create(JsonElement structured, IList<ContentBlock> content) =>
        new() { Content = content, StructuredContent = structured };
}
