using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Settings;

namespace GlmMcp.Inference.OpenAi;

/// <summary>
/// The OpenAI-compatible engine (vLLM, SGLang, Zhipu/Z.ai). Section <c>Engine:OpenAi</c>;
/// env <c>GLM_MCP_Engine__OpenAi__BaseUrl</c>…; CLI <c>--base-url</c>, <c>--provider</c>.
/// The served model name is <c>Engine:Model</c> (<c>--model</c>).
/// </summary>
public sealed class OpenAiEngineOptions : IValidatableObject
{
    public const string Section = "Engine:OpenAi";

    /// <summary>The model name used when <c>Engine:Model</c> is not set (vLLM's <c>--served-model-name</c> in the README).</summary>
    public const string DefaultModel = "glm-4.6v";

    private const int MinAnswerChars = 1_000;

    // Four million characters, sent twice in a result (text and structured content), stay under the 10 MiB that MCP
    // clients accept when they are ASCII.
    private const int MaxAnswerCharsCeiling = 4_000_000;

    private const string Positive = "00:00:00";

    /// <summary>The API root that <c>chat/completions</c> is appended to, e.g. <c>http://gpu-node:8000/v1</c>
    /// or <c>https://open.bigmodel.cn/api/paas/v4</c>.</summary>
    public string? BaseUrl { get; set; }

    public OpenAiProvider Provider { get; set; } = OpenAiProvider.Vllm;

    /// <summary>The environment variable holding the API key (never the key itself, so it stays out of config files).</summary>
    [Required(ErrorMessage = "Engine:OpenAi:ApiKeyVariable is empty: name the environment variable that holds the API key (default GLM_MCP_API_KEY).")]
    public string ApiKeyVariable { get; set; } = "GLM_MCP_API_KEY";

    /// <summary>How long one attempt may wait for the response headers; a non-streamed answer from a busy cluster
    /// takes minutes, since the server sends its headers only when the answer is complete.</summary>
    [SettingRange(typeof(TimeSpan), Positive, SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true, ErrorMessage = "Engine:OpenAi:Timeout must be positive, got {0}.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a response may send nothing once its headers are in (before the first chunk or between two):
    /// a server that stalls mid-answer fails after this instead of hanging the call.</summary>
    [SettingRange(typeof(TimeSpan), Positive, SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true, ErrorMessage = "Engine:OpenAi:IdleTimeout must be positive, got {0}.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most one call may take in all: retries, their waits and the whole streamed answer (a server that
    /// trickles bytes forever never trips <see cref="IdleTimeout"/>).</summary>
    [SettingRange(typeof(TimeSpan), Positive, SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true, ErrorMessage = "Engine:OpenAi:TotalTimeout must be positive, got {0}.")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest <c>Retry-After</c> that is waited for; a server asking for more fails the call at once,
    /// saying how long it asked for.</summary>
    [SettingRange(typeof(TimeSpan), Positive, SettingRangeAttribute.MaxDuration, ErrorMessage = "Engine:OpenAi:MaxRetryAfter must not be negative, got {0}.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most characters an answer (reasoning included) may have; a longer one fails the call instead of
    /// becoming a tool result too large for MCP clients (they drop results over about 10 MiB, and a result holds the
    /// answer twice). GLM-4.6V's whole context is about 500,000 characters.</summary>
    [SettingRange(MinAnswerChars, MaxAnswerCharsCeiling, ErrorMessage = "Engine:OpenAi:MaxAnswerChars must be between {1} and {2}, got {0}.")]
    public int MaxAnswerChars { get; set; } = 500_000;

    /// <summary>Retries after a 429 or 5xx answer (never after 4xx).</summary>
    [SettingRange(0, 10, ErrorMessage = "Engine:OpenAi:MaxRetries must be between {1} and {2}, got {0}.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter, or follow Retry-After.</summary>
    [SettingRange(typeof(TimeSpan), Positive, SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true, ErrorMessage = "Engine:OpenAi:RetryDelay must be positive, got {0}.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the URL and, for Zhipu, that the API key is there.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            yield return new ValidationResult("Engine:OpenAi:BaseUrl is not set: pass --base-url (e.g. http://gpu-node:8000/v1 for vLLM/SGLang, " +
                                              "https://open.bigmodel.cn/api/paas/v4 for Zhipu) or set GLM_MCP_Engine__OpenAi__BaseUrl.");
        }
        else if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Engine:OpenAi:BaseUrl must be an absolute http(s) URL, got '{BaseUrl}'.");
        }
        if (Provider == OpenAiProvider.Zhipu && !string.IsNullOrWhiteSpace(ApiKeyVariable) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable)))
            yield return new ValidationResult($"Engine:OpenAi:Provider is zhipu, which needs an API key: set the environment variable {ApiKeyVariable}.");
    }
}
