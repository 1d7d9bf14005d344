using System.Globalization;
using System.Text.Json;
using GlmMcp.Core;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Checks a tool call's arguments against the tool's input schema before the tool is invoked, so a wrong argument
/// is a <see cref="UserInputException"/> naming the argument, what it takes and what came (shortened), instead of
/// the SDK's generic binding error. Understands what the tools' schemas use: <c>type</c> (one or a list),
/// <c>properties</c>, <c>required</c> and <c>items</c>; an unknown argument is refused by name.
/// </summary>
internal static class ToolArgumentChecker
{
    public static void Check(string toolName, JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var properties = Properties(schema);
        foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (!properties.TryGetValue(name, out var property))
                throw new UserInputException(
                    $"{toolName} has no argument '{InputEcho.Truncate(name)}'. Its arguments are: {string.Join(", ", properties.Keys)}.");
            CheckValue(name, property, value);
        }
        foreach (var name in Required(schema))
        {
            if (arguments is null || !arguments.ContainsKey(name))
                throw new UserInputException(
                    $"{toolName} needs '{name}'" + (properties.TryGetValue(name, out var property) ? $": {Expected(property)}." : "."));
        }
    }

    private static void CheckValue(string path, JsonElement schema, JsonElement value)
    {
        var types = Types(schema);
        if (types.Count > 0 && !types.Any(type => Matches(type, value)))
            throw new UserInputException($"'{path}' must be {Expected(schema)}; got {Shown(value)}.");
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
                CheckValue($"{path}[{index++}]", items, item);
        }
        else if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _))
        {
            var properties = Properties(schema);
            foreach (var member in value.EnumerateObject())
            {
                if (!properties.TryGetValue(member.Name, out var property))
                    throw new UserInputException(
                        $"'{path}' has no field '{InputEcho.Truncate(member.Name)}'; it takes {{{string.Join(", ", properties.Keys)}}}.");
                CheckValue($"{path}.{member.Name}", property, member.Value);
            }
            foreach (var name in Required(schema))
            {
                if (!value.TryGetProperty(name, out _))
                    throw new UserInputException($"'{path}' needs '{name}': it takes {{{string.Join(", ", properties.Keys)}}}; got {Shown(value)}.");
            }
        }
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    /// <summary>What the schema takes, in words: "an integer from -2,147,483,648 to 2,147,483,647 or null".</summary>
    private static string Expected(JsonElement schema)
    {
        var words = Types(schema).Select(type => type switch
        {
            "string" => "a string",
            "integer" => $"an integer from {int.MinValue.ToString("N0", CultureInfo.InvariantCulture)} to {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => schema.TryGetProperty("items", out var items) ? $"a list of ({Expected(items)})" : "a list",
            "object" => Properties(schema) is { Count: > 0 } fields ? $"an object {{{string.Join(", ", fields.Keys)}}}" : "an object",
            "null" => "null",
            _ => type,
        }).ToList();
        return words.Count == 0 ? "any value" : string.Join(" or ", words);
    }

    private static string Shown(JsonElement value)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "a list",
            JsonValueKind.Object => "an object",
            _ => "null",
        };
        return value.ValueKind == JsonValueKind.Null ? "null" : $"{InputEcho.Truncate(value.GetRawText())} ({kind})";
    }

    private static List<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return [];
        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => [.. type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)],
            _ => [],
        };
    }

    private static Dictionary<string, JsonElement> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)
            : [];
}
