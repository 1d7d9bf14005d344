using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Adjusts the schemas the SDK derives from the tool methods and result types to what the tools mean.
/// Input: an optional argument is typed plainly (<c>"integer"</c>, not <c>["integer","null"]</c>, and no
/// <c>"default": null</c>): leaving it out means "the default", and generic clients that see a type list send
/// strings. <see cref="ToolArgumentChecker"/> still takes an explicit null as "left out".
/// Output: a field that may be null is left out of the JSON when it is null (the SDK serialises that way), so it is
/// not required and has its one plain type; descriptions (from types shared with arguments) are dropped: the tool's
/// description says what it returns, and <c>tools/list</c> is read into every conversation.
/// </summary>
internal static class ToolSchemaShaper
{
    public static void Shape(Tool tool)
    {
        var input = JsonNode.Parse(tool.InputSchema.GetRawText())!;
        PlainTypes(input);
        tool.InputSchema = ToElement(input);
        if (tool.OutputSchema is { } output)
            tool.OutputSchema = ShapeOutput(output);
    }

    /// <summary>Drops <c>"null"</c> from type lists, <c>"default": null</c> and an <c>int.MaxValue</c> maximum, at every depth.</summary>
    private static void PlainTypes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonArray types && types.Count > 1 && types.Any(t => t?.GetValue<string>() == "null"))
                {
                    var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
                    obj["type"] = kept.Count == 1 ? JsonValue.Create(kept[0]) : new JsonArray([.. kept.Select(t => (JsonNode)JsonValue.Create(t))]);
                }
                if (obj.TryGetPropertyValue("default", out var value) && value is null)
                    obj.Remove("default");
                if (obj["maximum"] is JsonValue maximum && maximum.TryGetValue<long>(out var max) && max == int.MaxValue)
                    obj.Remove("maximum");
                foreach (var (_, child) in obj.ToList())
                    PlainTypes(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    PlainTypes(child);
                break;
        }
    }

    private static JsonElement ShapeOutput(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        OptionalNullables(node);
        PlainTypes(node);
        WithoutDescriptions(node);
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

    /// <summary>Removes the <c>description</c> of every property, at every depth.</summary>
    private static void WithoutDescriptions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["description"] is JsonValue)
                    obj.Remove("description");
                foreach (var (_, child) in obj.ToList())
                    WithoutDescriptions(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    WithoutDescriptions(child);
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
