using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Adjusts the schemas the SDK derives from the tool methods and result types to what the tools mean. Output: a field
/// that may be null is left out of the JSON when it is null (the SDK serialises that way), so it is not required.
/// </summary>
internal static class ToolSchemaShaper
{
    public static void Shape(Tool tool)
    {
        if (tool.OutputSchema is { } output)
            tool.OutputSchema = ShapeOutput(output);
    }

    private static JsonElement ShapeOutput(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        OptionalNullables(node);
        return ToElement(node);
    }

    /// <summary>Removes every property whose type allows null from its object's <c>required</c>, at every depth.</summary>
    private static void OptionalNullables(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject properties && obj["required"] is JsonArray required)
                {
                    foreach (var item in required.ToList())
                    {
                        if (item?.GetValue<string>() is { } name && properties[name] is JsonObject property && AllowsNull(property))
                            required.Remove(item);
                    }
                }
                foreach (var (_, child) in obj.ToList())
                    OptionalNullables(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    OptionalNullables(child);
                break;
        }
    }

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static bool AllowsNull(JsonObject property) => property["type"] switch
    {
        JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
        JsonValue type => type.GetValue<string>() == "null",
        _ => false,
    };
}
