using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// How GLM-specific request settings travel through <see cref="ChatOptions"/>.
/// Thinking: on by default (the model's default); <c>ChatOptions.Reasoning.Effort = ReasoningEffort.None</c> turns it off.
/// Grammar: a GBNF grammar (root rule <c>root</c>) in <c>ChatOptions.AdditionalProperties[GrammarKey]</c>, used by engines
/// that can constrain decoding (the local engine).
/// </summary>
public static class GlmChatOptions
{
    /// <summary>AdditionalProperties key of a GBNF grammar string that constrains the answer.</summary>
    public const string GrammarKey = "glm_grammar";

    public static bool IsThinkingEnabled(ChatOptions? options) => options?.Reasoning?.Effort != ReasoningEffort.None;

    public static string? GetGrammar(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(GrammarKey, out var value) == true ? value as string : null;

    /// <summary>Returns a copy of <paramref name="options"/> (or new options) with thinking switched.</summary>
    public static ChatOptions WithThinking(this ChatOptions? options, bool enabled)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.Reasoning = enabled ? null : new ReasoningOptions { Effort = ReasoningEffort.None };
        return copy;
    }

    /// <summary>Returns a copy of <paramref name="options"/> (or new options) carrying a GBNF grammar.</summary>
    public static ChatOptions WithGrammar(this ChatOptions? options, string gbnf)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.AdditionalProperties ??= new AdditionalPropertiesDictionary();
        copy.AdditionalProperties[GrammarKey] = gbnf;
        return copy;
    }
}
