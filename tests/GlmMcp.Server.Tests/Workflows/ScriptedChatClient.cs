using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// A test double for the engine: answers each request with the next scripted reply and records every request it
/// received (a copy of the messages). A reply is a function of the cancellation token, so a test can make one wait.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<CancellationToken, Task<string>>> _replies = new();
    private readonly List<IReadOnlyList<ChatMessage>> _requests = [];

    public ScriptedChatClient(params string[] replies)
    {
        foreach (var reply in replies)
            Then(reply);
    }

    public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToList();
        }
    }

    public ScriptedChatClient Then(string reply)
    {
        _replies.Enqueue(_ => Task.FromResult(reply));
        return this;
    }

    public ScriptedChatClient Then(Func<CancellationToken, Task<string>> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        lock (_requests)
            _requests.Add(messages.ToList());
        if (!_replies.TryDequeue(out var reply))
            throw new InvalidOperationException($"The script has no reply for request {_requests.Count}.");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, await reply(cancellationToken)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
