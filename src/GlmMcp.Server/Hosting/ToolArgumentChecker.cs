using System.Globalization;
using System.Text.Json;
using GlmMcp.Core;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Checks a tool call's arguments against the tool's input schema before the tool is invoked, so a wrong argument
/// is a <see cref="UserInputException"/> naming the argument, what it takes and what came (shortened), instead of
/// the SDK's generic binding error. Understands what the tools' schemas use: <c>type</c> (one or a list),
/// <c>enum</c>, <c>minimum</c>/<c>maximum</c>, <c>properties</c>, <c>required</c> and <c>items</c>; an unknown
/// argument is refused by name. Generic clients that type every value as text are met halfway: a top-level
/// <c>"3"</c>, <c>"0.5"</c> or <c>"false"</c> for a number or boolean argument is taken as that value, JSON text for a
/// list or object argument as that JSON, a choice is matched ignoring case, and an explicit null for an optional
/// argument means "left out".
/// </summary>
internal static class ToolArgumentChecker
{
    public static void Check(string toolName, JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var properties = Properties(schema);
        var required = Required(schema).ToList();
        foreach (var (name, value) in arguments?.ToList() ?? [])
        {
            if (!properties.TryGetValue(name, out var property))
                throw new UserInputException(
                    $"{toolName} has no argument '{InputEcho.Truncate(name)}'. Its arguments are: {string.Join(", ", properties.Keys)}.");
            if (value.ValueKind == JsonValueKind.Null && !required.Contains(name) && !Types(property).Contains("null"))
            {
                arguments!.Remove(name);
                continue;
            }
            var taken = Loosened(property, value);
            CheckValue(name, property, taken);
            if (!taken.Equals(value))
                arguments![name] = taken;
        }
        foreach (var name in required)
        {
            if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                throw new UserInputException(
                    $"{toolName} needs '{name}'" + (properties.TryGetValue(name, out var property) ? $": {Expected(property)}." : "."));
        }
    }

    /// <summary>
    /// The value a text-only client meant: a number, boolean, list or object sent as a string, or a choice in another
    /// case, as the schema types it; anything else unchanged (the check then says what was expected).
    /// </summary>
    private static JsonElement Loosened(JsonElement schema, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
            return value;
        var text = value.GetString()!.Trim();
        var types = Types(schema);
        if (types.Contains("string"))
        {
            var choice = Choices(schema).FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            return choice is null || choice == value.GetString() ? value : Parse($"\"{JsonEncodedText.Encode(choice)}\"");
        }
        if (types.Contains("integer") && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return Parse(integer.ToString(CultureInfo.InvariantCulture));
        if (types.Contains("number") && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return Parse(number.ToString("R", CultureInfo.InvariantCulture));
        if (types.Contains("boolean") && bool.TryParse(text, out var flag))
            return Parse(flag ? "true" : "false");
        if ((types.Contains("array") && text.StartsWith('[')) || (types.Contains("object") && text.StartsWith('{')))
        {
            try
            {
                return Parse(text);
            }
            catch (JsonException)
            {
                return value;
            }
        }
        return value;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void CheckValue(string path, JsonElement schema, JsonElement value)
    {
        var types = Types(schema);
        if (types.Count > 0 && !types.Any(type => Matches(type, value)))
            throw new UserInputException($"'{path}' must be {Expected(schema)}; got {Shown(value)}.");
        if (value.ValueKind == JsonValueKind.String && Choices(schema) is { Count: > 0 } choices && !choices.Contains(value.GetString()!, StringComparer.Ordinal))
            throw new UserInputException($"'{path}' must be one of {string.Join(", ", choices)}; got {Shown(value)}.");
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            var (minimum, maximum) = (Bound(schema, "minimum"), Bound(schema, "maximum"));
            if (number < (minimum ?? double.NegativeInfinity) || number > (maximum ?? double.PositiveInfinity))
                throw new UserInputException($"'{path}' must be {Span(minimum, maximum)}, got {value.GetRawText()}.");
        }
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

    private static double? Bound(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var bound) && bound.ValueKind == JsonValueKind.Number ? bound.GetDouble() : null;

    /// <summary>"between 1 and 16384", "at least 1" or "at most 4".</summary>
    private static string Span(double? minimum, double? maximum) => (minimum, maximum) switch
    {
        ({ } min, { } max) => $"between {Number(min)} and {Number(max)}",
        ({ } min, null) => $"at least {Number(min)}",
        (null, { } max) => $"at most {Number(max)}",
        _ => "a number",
    };

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static List<string> Choices(JsonElement schema) =>
        schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array
            ? [.. choices.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)]
            : [];

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

    /// <summary>What the schema takes, in words: "an integer between 1 and 16384", "one of png, jpeg".</summary>
    private static string Expected(JsonElement schema)
    {
        var words = Types(schema).Select(type => type switch
        {
            "string" when Choices(schema) is { Count: > 0 } choices => $"one of {string.Join(", ", choices)}",
            "string" => "a string",
            "integer" or "number" => (type == "integer" ? "an integer" : "a number") +
                (Bound(schema, "minimum") is null && Bound(schema, "maximum") is null ? "" : $" {Span(Bound(schema, "minimum"), Bound(schema, "maximum"))}"),
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
