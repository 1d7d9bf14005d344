namespace GlmMcp.Inference.OpenAi;

/// <summary>Which OpenAI-compatible server answers; each switches GLM's thinking its own way.</summary>
public enum OpenAiProvider
{
    /// <summary>vLLM: <c>chat_template_kwargs.enable_thinking</c>.</summary>
    Vllm,

    /// <summary>SGLang: <c>chat_template_kwargs.enable_thinking</c>, like vLLM.</summary>
    Sglang,

    /// <summary>Zhipu / Z.ai API: <c>thinking.type</c> = <c>enabled</c> | <c>disabled</c>.</summary>
    Zhipu,
}
