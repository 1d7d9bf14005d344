using GlmMcp.Core;
using GlmMcp.Inference.Engines;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Sampling;

/// <summary>
/// The connected MCP client's own model, asked through MCP sampling. MCP requires <c>maxTokens</c> on every request,
/// so the engine default fills it; the client's model chooses whether and how to think, so the thinking switch is
/// not forwarded.
/// </summary>
public sealed class SamplingChatClient : DelegatingChatClient
{
    private readonly EngineOptions _engine;
    private readonly ChatClientMetadata _metadata;

    private SamplingChatClient(IChatClient inner, EngineOptions engine, string clientName) : base(inner)
    {
        _engine = engine;
        _metadata = new ChatClientMetadata("mcp-sampling", defaultModelId: clientName);
    }

    /// <summary>The sampling engine for <paramref name="source"/>, or a <see cref="UserInputException"/> saying why there is none.</summary>
    public static SamplingChatClient Create(ISamplingSource? source, EngineOptions engine)
    {
        if (source is null)
        {
            throw new UserInputException(
                "Engine:Kind is sampling, which asks the connected MCP client's model, but this call did not come from an MCP client. " +
                "Use --engine local or --engine openai for command-line use.");
        }
        if (!source.SupportsSampling)
        {
            throw new UserInputException(
                $"Engine:Kind is sampling, but the MCP client '{source.ClientName}' does not declare the sampling capability, " +
                "so it cannot lend its model. Use a client that supports MCP sampling, or start the server with --engine local " +
                "(the default) or --engine openai --base-url ….");
        }
        return new SamplingChatClient(source.CreateChatClient(), engine, source.ClientName);
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Prepare(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Prepare(options), cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) && serviceKey is null ? _metadata : base.GetService(serviceType, serviceKey);

    private ChatOptions Prepare(ChatOptions? options)
    {
        var prepared = options?.Clone() ?? new ChatOptions();
        prepared.Reasoning = null;
        prepared.MaxOutputTokens ??= _engine.MaxTokens;
        prepared.Temperature ??= _engine.Temperature;
        return prepared;
    }
}
