using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// Applies <c>Engine:Thinking</c> to requests that do not say, for engines whose own default is the model's (thinking on).
/// </summary>
internal sealed class ThinkingDefaultChatClient(IChatClient inner, bool thinking) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithDefault(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithDefault(options), cancellationToken);

    private ChatOptions? WithDefault(ChatOptions? options) =>
        options?.Reasoning is not null || thinking ? options : ThinkingSwitch.Apply(options?.Clone() ?? new ChatOptions(), false);
}
