// JsonPatch (evaluation API of System.ClientModel) is how OpenAI 2.x writes and reads fields its schema lacks:
// chat_template_kwargs, thinking, reasoning_content. The package version is pinned, so the API cannot move under us.
#pragma warning disable SCME0001

using System.ClientModel;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Inference.Engines;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using Polly.Timeout;

namespace GlmMcp.Inference.OpenAi;

/// <summary>
/// GLM-4.6V behind an OpenAI-compatible server. Wraps Microsoft.Extensions.AI's OpenAI client and adds what GLM servers
/// need: the provider's thinking switch in the request JSON, the model card's sampling defaults, the server's
/// <c>reasoning_content</c> kept as <see cref="TextReasoningContent"/> (so <c>ChatResponse.Text</c> never contains it)
/// and logged, and failures a user can fix turned into <see cref="UserInputException"/>. A misbehaving server cannot
/// hang or flood the call: a total deadline (<c>Engine:OpenAi:TotalTimeout</c>), an idle timeout between chunks
/// (<see cref="IdleTimeoutHandler"/>), a cap on <c>Retry-After</c> and on the answer's length each end in an error
/// that names the endpoint and the setting.
/// </summary>
public sealed class OpenAiChatClient : DelegatingChatClient
{
    // M.E.AI maps reasoning_content itself; newer vLLM sends the same text as "reasoning", which it does not read.
    private static readonly string[] ReasoningFields = ["reasoning", "reasoning_content"];

    private const int MaxQuoted = 200;

    private readonly OpenAiEngineOptions _options;
    private readonly EngineOptions _engine;
    private readonly ILogger _logger;

    public OpenAiChatClient(IChatClient inner, OpenAiEngineOptions options, EngineOptions engine, ILogger<OpenAiChatClient> logger)
        : base(inner)
    {
        _options = options;
        _engine = engine;
        _logger = logger;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, Prepare(options), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, cancellationToken, deadline.Token) is { } translated)
        {
            throw translated;
        }

        var last = response.Messages.LastOrDefault();
        if (last is not null && !last.Contents.OfType<TextReasoningContent>().Any() &&
            response.RawRepresentation is ChatCompletion completion &&
            ReadReasoning(completion.Patch, "$.choices[0].message.") is { Length: > 0 } reasoning)
        {
            last.Contents.Insert(0, new TextReasoningContent(reasoning));
        }
        var length = response.Messages.Sum(m => TextLength(m.Contents));
        if (length > _options.MaxAnswerChars)
            throw AnswerTooLong(length);
        if (last?.Contents.OfType<TextReasoningContent>().FirstOrDefault() is { } thought)
            _logger.LogDebug("Model reasoning ({Length} chars): {Reasoning}", thought.Text.Length, thought.Text);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(cancellationToken);
        await using var updates = base.GetStreamingResponseAsync(messages, Prepare(options), deadline.Token)
            .GetAsyncEnumerator(deadline.Token);
        var reasoningLength = 0;
        var answerLength = 0;
        var count = 0;
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    break;
            }
            catch (Exception e) when (Translate(e, cancellationToken, deadline.Token) is { } translated)
            {
                throw translated;
            }

            var update = updates.Current;
            count++;
            if (!update.Contents.OfType<TextReasoningContent>().Any() &&
                update.RawRepresentation is StreamingChatCompletionUpdate raw &&
                ReadReasoning(raw.Patch, "$.choices[0].delta.") is { Length: > 0 } reasoning)
            {
                update.Contents.Insert(0, new TextReasoningContent(reasoning));
            }
            reasoningLength += update.Contents.OfType<TextReasoningContent>().Sum(r => r.Text.Length);
            answerLength += TextLength(update.Contents);
            if (answerLength > _options.MaxAnswerChars)
                throw AnswerTooLong(answerLength);
            yield return update;
        }
        if (count == 0)
        {
            throw new UserInputException(
                $"The OpenAI-compatible engine at {_options.BaseUrl} ended its stream without sending any answer. " +
                "Check the server's logs, and that Engine:OpenAi:BaseUrl (--base-url) points at an OpenAI-compatible server.");
        }
        if (reasoningLength > 0)
            _logger.LogDebug("Model reasoning streamed ({Length} chars)", reasoningLength);
    }

    /// <summary>The caller's token, cancelled also after <c>Engine:OpenAi:TotalTimeout</c>.</summary>
    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.TotalTimeout);
        return deadline;
    }

    /// <summary>Characters of answer and reasoning text (what a tool result would carry).</summary>
    private static int TextLength(IEnumerable<AIContent> contents) => contents.Sum(c => c switch
    {
        TextContent text => text.Text.Length,
        TextReasoningContent reasoning => reasoning.Text.Length,
        _ => 0,
    });

    private UserInputException AnswerTooLong(int length) => new(
        $"The OpenAI-compatible engine at {_options.BaseUrl} sent an answer of more than {_options.MaxAnswerChars} characters " +
        $"({length} so far; Engine:OpenAi:MaxAnswerChars), so it was dropped: a result that large breaks MCP clients. " +
        "Ask for less (lower max_tokens), or raise Engine:OpenAi:MaxAnswerChars.");

    /// <summary>Copies the caller's options with the engine defaults filled in and the thinking switch written the
    /// provider's way (M.E.AI would send <c>reasoning_effort</c>, which GLM servers do not read).</summary>
    private ChatOptions Prepare(ChatOptions? options)
    {
        var thinking = ThinkingSwitch.Resolve(options, _engine.Thinking);
        var prepared = options?.Clone() ?? new ChatOptions();
        prepared.Reasoning = null;
        prepared.ModelId ??= string.IsNullOrWhiteSpace(_engine.Model) ? OpenAiEngineOptions.DefaultModel : _engine.Model;
        prepared.MaxOutputTokens ??= _engine.MaxTokens;
        prepared.Temperature ??= _engine.Temperature;
        prepared.TopP ??= _engine.TopP;

        var callerFactory = prepared.RawRepresentationFactory;
        var provider = _options.Provider;
        var maxTokens = prepared.MaxOutputTokens.Value;
        prepared.RawRepresentationFactory = client =>
        {
            var raw = callerFactory?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            ApplyThinking(raw, provider, thinking);
            if (provider == OpenAiProvider.Zhipu)
            {
                // Zhipu's API reads max_tokens; the OpenAI client writes only max_completion_tokens.
                raw.Patch.Set("$.max_tokens"u8, maxTokens);
            }
            return raw;
        };
        return prepared;
    }

    internal static void ApplyThinking(ChatCompletionOptions raw, OpenAiProvider provider, bool thinking)
    {
        if (provider == OpenAiProvider.Zhipu)
            raw.Patch.Set("$.thinking"u8, BinaryData.FromString(thinking ? """{"type":"enabled"}""" : """{"type":"disabled"}"""));
        else
            raw.Patch.Set("$.chat_template_kwargs"u8, BinaryData.FromString(thinking ? """{"enable_thinking":true}""" : """{"enable_thinking":false}"""));
    }

    private static string? ReadReasoning(System.ClientModel.Primitives.JsonPatch patch, string prefix)
    {
        foreach (var field in ReasoningFields)
        {
            var path = System.Text.Encoding.UTF8.GetBytes(prefix + field);
            if (patch.TryGetValue(path, out string? value) && !string.IsNullOrEmpty(value))
                return value;
        }
        return null;
    }

    private Exception? Translate(Exception e, CancellationToken cancellationToken, CancellationToken deadline)
    {
        if (cancellationToken.IsCancellationRequested)
            return null;
        var where = _options.BaseUrl;
        if (deadline.IsCancellationRequested)
        {
            return new UserInputException(
                $"The OpenAI-compatible engine at {where} did not finish within {_options.TotalTimeout.TotalSeconds:0} s " +
                "(Engine:OpenAi:TotalTimeout, which covers retries and the whole answer). Lower max_tokens, check the server's load, " +
                "or raise Engine:OpenAi:TotalTimeout.", e);
        }
        if (FindInner<EngineIdleTimeoutException>(e) is { } idle)
        {
            return new UserInputException(
                $"The OpenAI-compatible engine at {where} stopped sending mid-answer: {idle.Message} " +
                $"(Engine:OpenAi:IdleTimeout = {_options.IdleTimeout.TotalSeconds:0} s). Check the server's logs and load, " +
                "or raise Engine:OpenAi:IdleTimeout.", e);
        }
        if (e is ClientResultException { Status: 0 } && FindInner<HttpRequestException>(e) is { } http)
        {
            var refused = FindInner<SocketException>(http) is { SocketErrorCode: SocketError.ConnectionRefused };
            return new UserInputException(refused
                ? $"The OpenAI-compatible engine at {where} refused the connection: is the server running? " +
                  "Start vLLM/SGLang (see README) or fix Engine:OpenAi:BaseUrl (--base-url)."
                : $"The OpenAI-compatible engine at {where} could not be reached: {http.Message}. Check Engine:OpenAi:BaseUrl (--base-url).", e);
        }
        if (FindInner<TimeoutRejectedException>(e) is not null || e is TaskCanceledException or OperationCanceledException)
        {
            return new UserInputException(
                $"The OpenAI-compatible engine at {where} did not answer within {_options.Timeout.TotalSeconds:0} s. " +
                "Raise Engine:OpenAi:Timeout, lower max_tokens, or check the server's load.", e);
        }
        if (e is ClientResultException result)
        {
            var message = Shorten(ServerMessage(result) ?? result.Message);
            if (RetryAfter(result) is { } wait && wait > _options.MaxRetryAfter)
            {
                return new UserInputException(
                    $"The engine at {where} is busy ({result.Status}): the server asked to retry after {wait.TotalSeconds:0} s, " +
                    $"longer than Engine:OpenAi:MaxRetryAfter ({_options.MaxRetryAfter.TotalSeconds:0} s). Try again later, " +
                    "or raise Engine:OpenAi:MaxRetryAfter to wait that long.", e);
            }
            return result.Status switch
            {
                401 or 403 => new UserInputException(
                    $"The engine at {where} refused the API key ({result.Status}): {message}. " +
                    $"Put the key in the environment variable {_options.ApiKeyVariable} (Engine:OpenAi:ApiKeyVariable).", e),
                404 => new UserInputException(
                    $"The engine at {where} answered 404: {message}. Check Engine:OpenAi:BaseUrl (it usually ends in /v1) " +
                    "and Engine:Model (--model, vLLM's --served-model-name).", e),
                >= 400 and < 500 => new UserInputException($"The engine at {where} rejected the request ({result.Status}): {message}", e),
                _ => new UserInputException($"The engine at {where} failed ({result.Status}) after {_options.MaxRetries} retries: {message}", e),
            };
        }
        if (FindInner<JsonException>(e) is { } json)
        {
            return new UserInputException(
                $"The OpenAI-compatible engine at {where} sent a reply that is not a valid chat completion ({Shorten(json.Message)}). " +
                "Check the server's logs, and that Engine:OpenAi:BaseUrl (--base-url) points at an OpenAI-compatible server.", e);
        }
        return null;
    }

    /// <summary>How long the error's <c>Retry-After</c> asked to wait; null without one.</summary>
    private static TimeSpan? RetryAfter(ClientResultException e) =>
        e.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true &&
        RetryConditionHeaderValue.TryParse(value, out var parsed)
            ? OpenAiEngineServiceCollectionExtensions.RetryAfter(parsed)
            : null;

    /// <summary>Server text in an error message: at most <see cref="MaxQuoted"/> characters.</summary>
    private static string Shorten(string text) => text.Length <= MaxQuoted ? text : text[..MaxQuoted] + "…";

    /// <summary>The error text from an OpenAI-style (<c>{"error":{"message"}}</c>) or vLLM-style (<c>{"message"}</c>) body.</summary>
    private static string? ServerMessage(ClientResultException e)
    {
        var body = e.GetRawResponse()?.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return body;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                    return error.GetString();
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var nested))
                    return nested.ToString();
            }
            return root.TryGetProperty("message", out var message) ? message.ToString() : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T match)
                return match;
        }
        return null;
    }
}
