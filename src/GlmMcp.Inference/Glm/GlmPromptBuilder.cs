using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// Builds the GLM-4.6V prompt from Microsoft.Extensions.AI messages (docs/glm-format.md, "Prompt format" and
/// "Tool calling"): <c>[gMASK]&lt;sop&gt;</c>, a role tag plus newline per turn, one media marker per image (mtmd adds the
/// image begin/end tokens itself), thinking switched off by <c>/nothink</c> on user turns plus an empty
/// <c>&lt;think&gt;&lt;/think&gt;</c> prefill, tools declared in a system block, tool results in
/// <c>&lt;|observation|&gt;</c> turns (consecutive results share one), and the reasoning of assistant turns before
/// the last user turn dropped.
/// </summary>
public sealed class GlmPromptBuilder(string mediaMarker = GlmPromptBuilder.DefaultMediaMarker)
{
    /// <summary>llama.cpp mtmd's default media marker (<c>mtmd_default_marker()</c>).</summary>
    public const string DefaultMediaMarker = "<__media__>";

    private const string ToolsPreamble =
        "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n";

    private const string ToolsFormat =
        "</tools>\n\nFor each function call, output the function name and arguments within the following XML format:\n" +
        "<tool_call>{function-name}\n<arg_key>{arg-key-1}</arg_key>\n<arg_value>{arg-value-1}</arg_value>\n" +
        "<arg_key>{arg-key-2}</arg_key>\n<arg_value>{arg-value-2}</arg_value>\n...\n</tool_call>";

    private static readonly JsonSerializerOptions CompactJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public string MediaMarker { get; } = mediaMarker;

    public GlmPrompt Build(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var thinking = GlmChatOptions.IsThinkingEnabled(options);
        var images = new List<DataContent>();
        var sb = new StringBuilder(GlmTokens.Prefix);

        AppendToolDeclarations(sb, options?.Tools);
        if (!string.IsNullOrEmpty(options?.Instructions))
            sb.Append(GlmTokens.System).Append('\n').Append(options.Instructions);

        var lastUser = LastIndexOf(list, ChatRole.User);
        var previousWasTool = false;
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            var isTool = message.Role == ChatRole.Tool;
            if (message.Role == ChatRole.System)
            {
                sb.Append(GlmTokens.System).Append('\n');
                AppendContents(sb, message.Contents, images);
            }
            else if (message.Role == ChatRole.User)
            {
                sb.Append(GlmTokens.User).Append('\n');
                AppendContents(sb, message.Contents, images);
                if (!thinking && !message.Text.TrimEnd().EndsWith(GlmTokens.NoThink, StringComparison.Ordinal))
                    sb.Append(GlmTokens.NoThink);
            }
            else if (message.Role == ChatRole.Assistant)
            {
                AppendAssistant(sb, message, keepReasoning: i > lastUser);
            }
            else if (isTool)
            {
                if (!previousWasTool)
                    sb.Append(GlmTokens.Observation);
                AppendToolResults(sb, message.Contents, images);
            }
            else
            {
                throw new ArgumentException($"GLM has no role '{message.Role}'.", nameof(messages));
            }

            previousWasTool = isTool;
        }

        sb.Append(GlmTokens.Assistant).Append('\n');
        if (!thinking)
            sb.Append(GlmTokens.ThinkStart).Append(GlmTokens.ThinkEnd).Append('\n');
        return new GlmPrompt(sb.ToString(), images, thinking);
    }

    /// <summary>Formats one value of a tool call the way GLM writes it: strings raw, anything else as JSON.</summary>
    public static string FormatArgumentValue(object? value) => value switch
    {
        null => "null",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
    };

    private static int LastIndexOf(IReadOnlyList<ChatMessage> list, ChatRole role)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Role == role)
                return i;
        }

        return -1;
    }

    private static void AppendToolDeclarations(StringBuilder sb, IList<AITool>? tools)
    {
        var functions = tools?.OfType<AIFunctionDeclaration>().ToList();
        if (functions is not { Count: > 0 })
            return;
        sb.Append(GlmTokens.System).Append('\n').Append(ToolsPreamble);
        foreach (var f in functions)
        {
            var function = new JsonObject
            {
                ["name"] = f.Name,
                ["description"] = f.Description,
                ["parameters"] = JsonNode.Parse(f.JsonSchema.GetRawText()),
            };
            var signature = new JsonObject { ["type"] = "function", ["function"] = function };
            sb.Append(signature.ToJsonString(CompactJson)).Append('\n');
        }

        sb.Append(ToolsFormat);
    }

    private void AppendContents(StringBuilder sb, IList<AIContent> contents, List<DataContent> images)
    {
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent text:
                    // A marker typed in text would be taken for an image that is not there.
                    sb.Append(text.Text.Replace(MediaMarker, string.Empty, StringComparison.Ordinal));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    sb.Append(MediaMarker);
                    images.Add(data);
                    break;
                case DataContent data:
                    throw new ArgumentException($"GLM-4.6V takes images, not '{data.MediaType}'.", nameof(contents));
            }
        }
    }

    private static void AppendAssistant(StringBuilder sb, ChatMessage message, bool keepReasoning)
    {
        sb.Append(GlmTokens.Assistant).Append('\n').Append(GlmTokens.ThinkStart);
        if (keepReasoning)
        {
            var reasoning = string.Concat(message.Contents.OfType<TextReasoningContent>().Select(r => r.Text)).Trim();
            sb.Append(reasoning);
        }

        sb.Append(GlmTokens.ThinkEnd).Append('\n');
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        sb.Append(GlmAnswerParser.Parse(text).Answer.Trim());
        foreach (var call in message.Contents.OfType<FunctionCallContent>())
        {
            sb.Append('\n').Append(GlmTokens.ToolCallStart).Append(call.Name).Append('\n');
            foreach (var (key, value) in call.Arguments ?? new Dictionary<string, object?>())
            {
                sb.Append(GlmTokens.ArgKeyStart).Append(key).Append(GlmTokens.ArgKeyEnd).Append('\n')
                    .Append(GlmTokens.ArgValueStart).Append(FormatArgumentValue(value)).Append(GlmTokens.ArgValueEnd)
                    .Append('\n');
            }

            sb.Append(GlmTokens.ToolCallEnd);
        }
    }

    private void AppendToolResults(StringBuilder sb, IList<AIContent> contents, List<DataContent> images)
    {
        var open = false;
        foreach (var content in contents)
        {
            if (content is FunctionResultContent result)
            {
                if (open)
                    sb.Append('\n').Append(GlmTokens.ToolResponseEnd);
                sb.Append('\n').Append(GlmTokens.ToolResponseStart).Append('\n');
                AppendResultValue(sb, result.Result, images);
                open = true;
            }
            else if (open)
            {
                AppendContents(sb, [content], images);
            }
        }

        if (open)
            sb.Append('\n').Append(GlmTokens.ToolResponseEnd);
    }

    private void AppendResultValue(StringBuilder sb, object? value, List<DataContent> images)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                sb.Append(s);
                break;
            case AIContent content:
                AppendContents(sb, [content], images);
                break;
            case IEnumerable<AIContent> many:
                AppendContents(sb, many.ToList(), images);
                break;
            default:
                sb.Append(FormatArgumentValue(value));
                break;
        }
    }
}
