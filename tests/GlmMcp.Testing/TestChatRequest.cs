using Microsoft.Extensions.AI;

namespace GlmMcp.Testing;

/// <summary>What a <see cref="TestChatClient"/> was asked: a copy of the messages and the options.</summary>
public sealed record TestChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    /// <summary>The text of every message, in order.</summary>
    public string Text => string.Join("\n", Messages.Select(m => m.Text));
}
