using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// The thinking switch as the remote engines read it, with three states: <see cref="ChatOptions.Reasoning"/> with
/// <see cref="ReasoningEffort.None"/> is off, any other effort is on, and no reasoning options means
/// <see cref="EngineOptions.Thinking"/> (so <c>--no-thinking</c> style settings apply to requests that do not say).
/// </summary>
public static class ThinkingSwitch
{
    /// <summary>Sets thinking on or off on <paramref name="options"/>; null leaves the engine default.</summary>
    public static ChatOptions Apply(ChatOptions options, bool? thinking)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (thinking is { } on)
            options.Reasoning = new ReasoningOptions { Effort = on ? ReasoningEffort.Medium : ReasoningEffort.None };
        return options;
    }

    /// <summary>Whether the request asks for thinking; <paramref name="engineDefault"/> when it does not say.</summary>
    public static bool Resolve(ChatOptions? options, bool engineDefault) =>
        options?.Reasoning?.Effort is { } effort ? effort != ReasoningEffort.None : engineDefault;
}
