using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// Parses GLM's native XML tool calls — <c>&lt;tool_call&gt;name\n&lt;arg_key&gt;k&lt;/arg_key&gt;&lt;arg_value&gt;v&lt;/arg_value&gt;…&lt;/tool_call&gt;</c> —
/// into <see cref="FunctionCallContent"/>. A value whose property has schema type <c>string</c> (or is unknown to the
/// schema and is not valid JSON) stays raw text; any other value is parsed as JSON
/// (docs/glm-format.md, "Tool calling").
/// </summary>
public static partial class GlmToolCallParser
{
    public static GlmToolCalls Parse(string text, IEnumerable<AITool>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var declarations = (tools ?? []).OfType<AIFunctionDeclaration>()
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var calls = new List<FunctionCallContent>();
        var rest = new StringBuilder();
        var position = 0;
        foreach (Match m in ToolCall().Matches(text))
        {
            rest.Append(text, position, m.Index - position);
            position = m.Index + m.Length;
            var name = m.Groups["name"].Value.Trim();
            declarations.TryGetValue(name, out var declaration);
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (Match arg in Argument().Matches(m.Groups["body"].Value))
            {
                var key = arg.Groups["key"].Value.Trim();
                arguments[key] = ConvertValue(arg.Groups["value"].Value, PropertyType(declaration, key));
            }

            calls.Add(new FunctionCallContent($"call_{Guid.NewGuid():N}", name, arguments));
        }

        rest.Append(text, position, text.Length - position);
        return new GlmToolCalls(rest.ToString().Trim(), calls);
    }

    private static string? PropertyType(AIFunctionDeclaration? declaration, string key)
    {
        if (declaration is null
            || declaration.JsonSchema.ValueKind != JsonValueKind.Object
            || !declaration.JsonSchema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty(key, out var property)
            || property.ValueKind != JsonValueKind.Object
            || !property.TryGetProperty("type", out var type))
            return null;

        return type.ValueKind switch
        {
            JsonValueKind.String => type.GetString(),
            // ["string", "null"]: a nullable string is still raw text.
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null"),
            _ => null,
        };
    }

    private static object? ConvertValue(string raw, string? schemaType)
    {
        if (schemaType == "string")
            return raw;
        var trimmed = raw.Trim();
        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return raw;
        }
    }

    [GeneratedRegex(@"<tool_call>(?<name>[^\n<]*)(?<body>.*?)</tool_call>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ToolCall();

    [GeneratedRegex(@"<arg_key>(?<key>.*?)</arg_key>\s*<arg_value>(?<value>.*?)</arg_value>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Argument();
}
