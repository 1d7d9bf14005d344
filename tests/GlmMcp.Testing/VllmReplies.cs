using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GlmMcp.Testing;

/// <summary>Answers shaped like vLLM's OpenAI server with <c>--reasoning-parser glm45 --tool-call-parser glm45</c>.</summary>
public static class VllmReplies
{
    /// <summary>A chat completion; vLLM before 0.10 and SGLang name the thinking <c>reasoning_content</c>, newer vLLM <c>reasoning</c>.</summary>
    public static string Completion(string content, string? reasoning = null, string reasoningField = "reasoning_content")
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content, ["tool_calls"] = new JsonArray() };
        if (reasoning is not null)
            message[reasoningField] = reasoning;
        return new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1764380000,
            ["model"] = "glm-4.6v",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["finish_reason"] = "stop", ["message"] = message }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1210, ["completion_tokens"] = 12, ["total_tokens"] = 1222 },
        }.ToJsonString();
    }

    public static string ToolCall(string id, string name, string argumentsJson) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-tool",
        @object = "chat.completion",
        created = 1764380000,
        model = "glm-4.6v",
        choices = new[]
        {
            new
            {
                index = 0,
                finish_reason = "tool_calls",
                message = new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[] { new { id, type = "function", function = new { name, arguments = argumentsJson } } },
                },
            },
        },
    });

    /// <summary>vLLM's error body (<c>ErrorResponse</c>).</summary>
    public static string Error(string message, int code) => JsonSerializer.Serialize(new
    {
        @object = "error",
        message,
        type = "BadRequestError",
        param = (string?)null,
        code,
    });

    public static async Task WriteJsonAsync(HttpListenerContext context, string json, int status = 200)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>A server-sent-event stream: reasoning deltas first, then content deltas, then <c>[DONE]</c>.</summary>
    public static async Task WriteStreamAsync(HttpListenerContext context, IEnumerable<string> reasoning, IEnumerable<string> content)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.SendChunked = true;
        var output = context.Response.OutputStream;
        var deltas = reasoning.Select(r => (object)new { reasoning_content = r })
            .Concat(content.Select(c => (object)new { content = c }));
        foreach (var delta in deltas)
            await WriteEventAsync(output, Chunk(delta, null));
        await WriteEventAsync(output, Chunk(new { }, "stop"));
        await output.WriteAsync("data: [DONE]\n\n"u8.ToArray());
    }

    /// <summary>One streamed chunk carrying <paramref name="content"/>, as the JSON after <c>data: </c>.</summary>
    public static string ContentChunk(string content) => Chunk(new { content }, null);

    private static string Chunk(object delta, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-stream",
        @object = "chat.completion.chunk",
        created = 1764380000,
        model = "glm-4.6v",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });

    private static async Task WriteEventAsync(Stream output, string json)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes($"data: {json}\n\n"));
        await output.FlushAsync();
    }
}
