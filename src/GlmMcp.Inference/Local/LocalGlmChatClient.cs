using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using GlmMcp.Core;
using GlmMcp.Core.Concurrency;
using GlmMcp.Core.Settings;
using GlmMcp.Inference.Glm;
using LLama.Exceptions;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Local;

/// <summary>
/// GLM-4.6V on this machine through LLamaSharp: the text GGUF and the <c>glm4v</c> mmproj are loaded once (on the
/// first request, or by <see cref="LoadAsync"/>) and shared by <see cref="LocalEngineOptions.Contexts"/> contexts.
/// Each context serves one request at a time; waiting requests are served first come, first served.
/// Honours <see cref="ChatOptions.MaxOutputTokens"/>, <see cref="ChatOptions.Temperature"/>, <see cref="ChatOptions.TopP"/>,
/// <see cref="ChatOptions.TopK"/>, <see cref="ChatOptions.Seed"/>, <see cref="ChatOptions.ResponseFormat"/> (JSON is
/// enforced by a grammar), a GBNF grammar under <see cref="GlmChatOptions.GrammarKey"/>, thinking via
/// <see cref="ChatOptions.Reasoning"/> (<see cref="LocalEngineOptions.Thinking"/> when a request does not say; a grammar
/// or JSON format switches thinking off), and tools (GLM XML tool calls).
/// Responses carry <see cref="LocalGenerationStats"/> under <see cref="LocalGenerationStats.AdditionalPropertiesKey"/>.
/// </summary>
public sealed class LocalGlmChatClient : IChatClient
{
    public const string ProviderName = "glm-local";

    private readonly LocalEngineOptions _options;
    private readonly ILocalModelFiles _files;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    /// <summary>Requests one client may have waiting for a context; one more is refused as busy.</summary>
    public const int MaxQueuedPerCaller = 4;

    /// <summary>The "retry in" of the busy error: about one answer's generation time.</summary>
    private static readonly TimeSpan _busyRetryHint = TimeSpan.FromSeconds(30);

    private readonly Channel<LocalGlmSession> _idleSessions = Channel.CreateUnbounded<LocalGlmSession>();
    private readonly FairGate _contextGate;
    private readonly List<LocalGlmSession> _sessions = [];
    private readonly GlmPromptBuilder _promptBuilder = new();
    private LocalGlmModel? _model;
    private (LocalModelFilesStamp Files, UserInputException Error)? _failedLoad;
    private ChatClientMetadata _metadata = new(ProviderName);
    private bool _disposed;

    public LocalGlmChatClient(IOptions<LocalEngineOptions> options, ILocalModelFiles files, ILogger<LocalGlmChatClient>? logger = null)
    {
        _options = options.Value;
        _files = files;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _contextGate = new FairGate(Math.Max(1, _options.Contexts), MaxQueuedPerCaller, "The local model",
            "raise Engine:Local:Contexts (GLM_MCP_Engine__Local__Contexts)");
    }

    /// <summary>Information on the loaded model, or null before the first load.</summary>
    public LocalModelInfo? ModelInfo => _model?.Info;

    /// <summary>Resolves, validates and loads the model files unless already loaded (for warm-up and <c>doctor</c>).</summary>
    /// <exception cref="GlmMcp.Core.UserInputException">Missing, wrong or mismatched files; the message says which to get.</exception>
    public async Task<LocalModelInfo> LoadAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_model is { } loaded)
            return loaded.Info;
        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_model is not null)
                return _model.Info;
            new LocalEngineOptionsValidator().ThrowIfInvalid(_options);
            var paths = await _files.ResolveAsync(progress, cancellationToken).ConfigureAwait(false);
            var stamp = LocalModelFilesStamp.Of(paths);
            if (_failedLoad is { } failed && failed.Files == stamp)
            {
                // llama.cpp failed on exactly these files before, and a failed native load leaks memory each time it
                // is tried: answer with the same error until a file changes.
                throw new UserInputException(failed.Error.Message, failed.Error);
            }
            LocalGlmModel model;
            try
            {
                model = await Task.Run(() => LocalGlmModel.Load(paths, _options, _logger), cancellationToken).ConfigureAwait(false);
            }
            catch (UserInputException e) when (e.InnerException is LoadWeightsFailedException)
            {
                _failedLoad = (stamp, e);
                throw;
            }
            _failedLoad = null;
            try
            {
                for (var i = 0; i < _options.Contexts; i++)
                {
                    var session = new LocalGlmSession(model, _options);
                    _sessions.Add(session);
                    _idleSessions.Writer.TryWrite(session);
                }
            }
            catch
            {
                foreach (var s in _sessions)
                    s.Dispose();
                _sessions.Clear();
                model.Dispose();
                throw;
            }

            _metadata = new ChatClientMetadata(ProviderName, null, Path.GetFileNameWithoutExtension(paths.ModelPath));
            _model = model;
            return model.Info;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        LocalGenerationOutcome? completed = null;
        using (var lease = await StartAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            await Task.Factory.StartNew(() =>
            {
                foreach (var piece in lease.Generate(o => completed = o, cancellationToken))
                    text.Append(piece);
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }

        var outcome = completed!;
        var parsed = GlmAnswerParser.Parse(text.ToString());
        var contents = new List<AIContent>();
        if (parsed.Thinking is not null)
            contents.Add(new TextReasoningContent(parsed.Thinking));
        var finish = outcome.FinishReason;
        var calls = options?.Tools is { Count: > 0 } ? GlmToolCallParser.Parse(parsed.Answer, options.Tools) : null;
        if (calls is { Calls.Count: > 0 })
        {
            if (calls.Text.Length > 0)
                contents.Add(new TextContent(calls.Text));
            contents.AddRange(calls.Calls);
            finish = ChatFinishReason.ToolCalls;
        }
        else
        {
            contents.Add(new TextContent(parsed.Answer));
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ResponseId = Guid.NewGuid().ToString("N"),
            ModelId = _metadata.DefaultModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = finish,
            Usage = Usage(outcome.Stats),
            AdditionalProperties = new() { [LocalGenerationStats.AdditionalPropertiesKey] = outcome.Stats },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var responseId = Guid.NewGuid().ToString("N");
        var splitter = new GlmStreamSplitter(detectToolCalls: options?.Tools is { Count: > 0 });
        LocalGenerationOutcome? completed = null;
        using var lease = await StartAsync(messages, options, cancellationToken).ConfigureAwait(false);
        using var steps = lease.Generate(o => completed = o, cancellationToken).GetEnumerator();

        // The first step evaluates the prompt (images included): off the caller's thread. Each later step is one token,
        // run right here, so no second thread competes with generation for the cores.
        var more = await Task.Run(steps.MoveNext, cancellationToken).ConfigureAwait(false);
        while (more)
        {
            foreach (var content in splitter.Push(steps.Current))
                yield return Update(responseId, content);
            more = steps.MoveNext();
        }

        foreach (var content in splitter.Flush())
            yield return Update(responseId, content);

        var outcome = completed!;
        var finish = outcome.FinishReason;
        var final = new List<AIContent> { new UsageContent(Usage(outcome.Stats)) };
        if (splitter.ToolCallText.Length > 0)
        {
            var calls = GlmToolCallParser.Parse(splitter.ToolCallText, options!.Tools);
            final.AddRange(calls.Calls);
            if (calls.Calls.Count > 0)
                finish = ChatFinishReason.ToolCalls;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, final)
        {
            ResponseId = responseId,
            ModelId = _metadata.DefaultModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = finish,
            AdditionalProperties = new() { [LocalGenerationStats.AdditionalPropertiesKey] = outcome.Stats },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType == typeof(ChatClientMetadata))
            return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _idleSessions.Writer.TryComplete();
        foreach (var session in _sessions)
            session.Dispose();
        _sessions.Clear();
        _model?.Dispose();
        _model = null;
        _loadGate.Dispose();
    }

    /// <summary>The loaded weights, for the benchmark's direct comparison with LLamaSharp's executor.</summary>
    internal LocalGlmModel Model => _model ?? throw new InvalidOperationException("The model is not loaded.");

    /// <summary>
    /// Builds the prompt and sampler, then waits for a free context: fairly between MCP clients, each with at most
    /// <see cref="MaxQueuedPerCaller"/> requests waiting.
    /// </summary>
    private async Task<LocalGenerationLease> StartAsync(IEnumerable<ChatMessage> messages, ChatOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await LoadAsync(null, cancellationToken).ConfigureAwait(false);

        var grammar = GlmChatOptions.GetGrammar(options)
            ?? (options?.ResponseFormat is ChatResponseFormatJson ? JsonGrammar.Gbnf : null);
        // A grammar constrains the whole answer, so the model must not open a <think> block first.
        var promptOptions = grammar is not null || (options?.Reasoning is null && !_options.Thinking)
            ? options.WithThinking(false)
            : options;
        var prompt = _promptBuilder.Build(messages, promptOptions);
        if (grammar is not null)
            GbnfGrammarCheck.EnsureValid(_model!, grammar);
        var maxTokens = options?.MaxOutputTokens ?? _options.MaxTokens;
        if (maxTokens < 1)
            throw new GlmMcp.Core.UserInputException($"max_tokens is {maxTokens}; it must be at least 1.");

        var slot = await _contextGate.EnterAsync(Timeout.InfiniteTimeSpan, _busyRetryHint, cancellationToken).ConfigureAwait(false);
        try
        {
            // The gate lets through no more requests than there are contexts, so one is idle (or being handed back).
            var session = PickCached(await _idleSessions.Reader.ReadAsync(cancellationToken).ConfigureAwait(false), prompt);
            return new LocalGenerationLease(session, prompt, maxTokens, CreatePipeline(options, grammar), _idleSessions.Writer, slot);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Of the idle contexts, the one whose KV cache holds the longest start of <paramref name="prompt"/> with at least
    /// one of its images (a refine round's system text and target image, left there by the round before); the others go
    /// back. When none holds an image of it, the context idle longest, so another conversation's cache is not given up
    /// for a shared system text that costs little to evaluate again.
    /// </summary>
    private LocalGlmSession PickCached(LocalGlmSession first, GlmPrompt prompt)
    {
        if (prompt.Images.Count == 0 || !_idleSessions.Reader.TryRead(out var second))
            return first;
        var idle = new List<LocalGlmSession> { first, second };
        while (_idleSessions.Reader.TryRead(out var more))
            idle.Add(more);
        var ids = prompt.Images.Select(i => LocalGlmSession.ImageId(i.Data.Span)).ToArray();
        var shared = idle.Select(s => (Session: s, Shared: s.SharedPrefix(prompt.Text, ids, _promptBuilder.MediaMarker))).ToList();
        var withImage = shared.Where(c => c.Shared.Images > 0).ToList();
        var best = withImage.Count > 0 ? withImage.MaxBy(c => c.Shared.Chars).Session : first;
        foreach (var session in idle)
        {
            if (session != best)
                _idleSessions.Writer.TryWrite(session);
        }
        return best;
    }

    private DefaultSamplingPipeline CreatePipeline(ChatOptions? options, string? grammar)
    {
        var pipeline = new DefaultSamplingPipeline
        {
            Temperature = options?.Temperature ?? _options.Temperature,
            TopP = options?.TopP ?? _options.TopP,
            TopK = options?.TopK ?? _options.TopK,
            RepeatPenalty = _options.RepetitionPenalty,
            FrequencyPenalty = options?.FrequencyPenalty ?? 0,
            PresencePenalty = options?.PresencePenalty ?? 0,
            Grammar = grammar is null ? null : new Grammar(grammar, GbnfGrammarCheck.Root),
        };
        if (options?.Seed is { } seed)
            pipeline.Seed = unchecked((uint)seed);
        return pipeline;
    }

    private ChatResponseUpdate Update(string responseId, AIContent content) => new(ChatRole.Assistant, [content])
    {
        ResponseId = responseId,
        ModelId = _metadata.DefaultModelId,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static UsageDetails Usage(LocalGenerationStats stats) => new()
    {
        InputTokenCount = stats.PromptTokens,
        OutputTokenCount = stats.GeneratedTokens,
        TotalTokenCount = stats.PromptTokens + stats.GeneratedTokens,
    };
}
