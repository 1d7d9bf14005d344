using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// A chat client that answers from a fixed list, in order, round-robin — for <c>glm-mcp-bench code</c> only, so the
/// bench measures the loop's own cost with no model in it.
/// </summary>
internal sealed class ReplayChatClient(IReadOnlyList<string> answers) : IChatClient
{
    private int _next;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var answer = answers[_next++ % answers.Count];
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
