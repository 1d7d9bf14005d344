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

    /// <summary>How long one attempt may wait for the response headers; a non-streamed answer from a busy cluster
    /// takes minutes, since the server sends its headers only when the answer is complete.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a response may send nothing once its headers are in (before the first chunk or between two):
    /// a server that stalls mid-answer fails after this instead of hanging the call.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most one call may take in all: retries, their waits and the whole streamed answer (a server that
    /// trickles bytes forever never trips <see cref="IdleTimeout"/>).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest <c>Retry-After</c> that is waited for; a server asking for more fails the call at once,
    /// saying how long it asked for.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most characters an answer (reasoning included) may have; a longer one fails the call instead of
    /// becoming a tool result too large for MCP clients (they drop results over about 10 MiB, and a result holds the
    /// answer twice). GLM-4.6V's whole context is about 500,000 characters.</summary>
    public int MaxAnswerChars { get; set; } = 500_000;

    /// <summary>Retries after a 429 or 5xx answer (never after 4xx).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter, or follow Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
