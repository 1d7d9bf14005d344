using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// The thinking switch as every engine reads it: <see cref="ChatOptions.Reasoning"/> with
/// <see cref="ReasoningEffort.None"/> turns thinking off, any other effort turns it on, and no reasoning options
/// means <see cref="EngineOptions.Thinking"/>.
/// </summary>
public static class ChatOptionsThinking
{
    /// <summary>Returns <paramref name="options"/> (or new options) with thinking switched on or off.</summary>
    public static ChatOptions WithThinking(this ChatOptions? options, bool thinking)
    {
        options ??= new ChatOptions();
        options.Reasoning = new ReasoningOptions { Effort = thinking ? ReasoningEffort.Medium : ReasoningEffort.None };
        return options;
    }

    /// <summary>Whether the request asks for thinking; <paramref name="defaultThinking"/> when it does not say.</summary>
    public static bool IsThinkingEnabled(this ChatOptions? options, bool defaultThinking) =>
        options?.Reasoning?.Effort is { } effort ? effort != ReasoningEffort.None : defaultThinking;
}
