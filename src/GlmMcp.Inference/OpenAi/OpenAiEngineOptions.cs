namespace GlmMcp.Inference.OpenAi;

/// <summary>
/// The OpenAI-compatible engine (vLLM, SGLang, Zhipu/Z.ai). Section <c>Engine:OpenAi</c>;
/// env <c>GLM_MCP_Engine__OpenAi__BaseUrl</c>…; CLI <c>--base-url</c>, <c>--provider</c>.
/// The served model name is <c>Engine:Model</c> (<c>--model</c>).
/// </summary>
public sealed class OpenAiEngineOptions
{
    public const string Section = "Engine:OpenAi";

    /// <summary>The model name used when <c>Engine:Model</c> is not set (vLLM's <c>--served-model-name</c> in the README).</summary>
    public const string DefaultModel = "glm-4.6v";

    /// <summary>The API root that <c>chat/completions</c> is appended to, e.g. <c>http://gpu-node:8000/v1</c>
    /// or <c>https://open.bigmodel.cn/api/paas/v4</c>.</summary>
    public string? BaseUrl { get; set; }

    public OpenAiProvider Provider { get; set; } = OpenAiProvider.Vllm;

    /// <summary>The environment variable holding the API key (never the key itself, so it stays out of config files).</summary>
    public string ApiKeyVariable { get; set; } = "GLM_MCP_API_KEY";

    /// <summary>How long one attempt may take; a long answer from a busy cluster takes minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after a 429 or 5xx answer (never after 4xx).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter, or follow Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
