using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace GlmMcp.Testing;

/// <summary>
/// The one test double for an engine: every request is recorded (<see cref="Requests"/>) and answered by a callback,
/// or by the next scripted reply (<see cref="Then(string)"/>). An answer is a list of chunks, streamed one by one and
/// joined for a non-streaming call; a callback gets the cancellation token, so a test can make an answer wait.
/// </summary>
public sealed class TestChatClient : IChatClient
{
    private readonly Func<TestChatRequest, CancellationToken, Task<IReadOnlyList<string>>>? _answer;
    private readonly Queue<Func<CancellationToken, Task<string>>> _replies = new();
    private readonly List<TestChatRequest> _requests = [];

    /// <summary>Answers each request with the next of <paramref name="replies"/> (more can follow with <see cref="Then(string)"/>).</summary>
    public TestChatClient(params string[] replies)
    {
        foreach (var reply in replies)
            Then(reply);
    }

    /// <summary>Answers every request with the chunks <paramref name="answer"/> returns for it.</summary>
    public TestChatClient(Func<TestChatRequest, CancellationToken, Task<IReadOnlyList<string>>> answer)
    {
        _answer = answer;
    }

    /// <summary>Answers every request with <paramref name="answer"/>'s text for it.</summary>
    public static TestChatClient Answering(Func<TestChatRequest, string> answer) =>
        new((request, _) => Task.FromResult<IReadOnlyList<string>>([answer(request)]));

    /// <summary>Streams the same <paramref name="chunks"/> for every request.</summary>
    public static TestChatClient Streaming(params string[] chunks) => new((_, _) => Task.FromResult<IReadOnlyList<string>>(chunks));

    /// <summary>The model id the responses carry (null: none).</summary>
    public string? ModelId { get; init; }

    public IReadOnlyList<TestChatRequest> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    public TestChatClient Then(string reply)
    {
        lock (_replies)
            _replies.Enqueue(_ => Task.FromResult(reply));
        return this;
    }

    public TestChatClient Then(Func<CancellationToken, Task<string>> reply)
    {
        lock (_replies)
            _replies.Enqueue(reply);
        return this;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var chunks = await AnswerAsync(messages, options, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(chunks))) { ModelId = ModelId };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var chunk in await AnswerAsync(messages, options, cancellationToken))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ModelId = ModelId };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private async Task<IReadOnlyList<string>> AnswerAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var request = new TestChatRequest(messages.ToList(), options);
        int count;
        lock (_requests)
        {
            _requests.Add(request);
            count = _requests.Count;
        }
        if (_answer is not null)
            return await _answer(request, cancellationToken);
        Func<CancellationToken, Task<string>>? reply;
        lock (_replies)
        {
            if (!_replies.TryDequeue(out reply))
                throw new InvalidOperationException($"The script has no reply for request {count}.");
        }
        return [await reply(cancellationToken)];
    }
}
