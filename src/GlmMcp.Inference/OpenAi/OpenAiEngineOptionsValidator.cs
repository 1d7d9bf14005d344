using GlmMcp.Inference.Engines;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.OpenAi;

/// <summary>Checks the OpenAI engine's settings at start, only when it is the chosen engine.</summary>
internal sealed class OpenAiEngineOptionsValidator(IOptions<EngineOptions> engine) : IValidateOptions<OpenAiEngineOptions>
{
    private const int MinAnswerChars = 1_000;

    // Four million characters, sent twice in a result (text and structured content), stay under the 10 MiB that MCP
    // clients accept when they are ASCII.
    private const int MaxAnswerChars = 4_000_000;

    public ValidateOptionsResult Validate(string? name, OpenAiEngineOptions options)
    {
        if (engine.Value.Kind != EngineKind.OpenAi)
            return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            errors.Add("Engine:OpenAi:BaseUrl is not set: pass --base-url (e.g. http://gpu-node:8000/v1 for vLLM/SGLang, " +
                       "https://open.bigmodel.cn/api/paas/v4 for Zhipu) or set GLM_MCP_Engine__OpenAi__BaseUrl.");
        }
        else if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Engine:OpenAi:BaseUrl must be an absolute http(s) URL, got '{options.BaseUrl}'.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiKeyVariable))
            errors.Add("Engine:OpenAi:ApiKeyVariable is empty: name the environment variable that holds the API key (default GLM_MCP_API_KEY).");
        else if (options.Provider == OpenAiProvider.Zhipu && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.ApiKeyVariable)))
            errors.Add($"Engine:OpenAi:Provider is zhipu, which needs an API key: set the environment variable {options.ApiKeyVariable}.");
        if (options.Timeout <= TimeSpan.Zero)
            errors.Add($"Engine:OpenAi:Timeout must be positive, got {options.Timeout}.");
        if (options.IdleTimeout <= TimeSpan.Zero)
            errors.Add($"Engine:OpenAi:IdleTimeout must be positive, got {options.IdleTimeout}.");
        if (options.TotalTimeout <= TimeSpan.Zero)
            errors.Add($"Engine:OpenAi:TotalTimeout must be positive, got {options.TotalTimeout}.");
        if (options.MaxRetryAfter < TimeSpan.Zero)
            errors.Add($"Engine:OpenAi:MaxRetryAfter must not be negative, got {options.MaxRetryAfter}.");
        if (options.MaxAnswerChars is < MinAnswerChars or > MaxAnswerChars)
            errors.Add($"Engine:OpenAi:MaxAnswerChars must be between {MinAnswerChars} and {MaxAnswerChars}, got {options.MaxAnswerChars}.");
        if (options.MaxRetries is < 0 or > 10)
            errors.Add($"Engine:OpenAi:MaxRetries must be between 0 and 10, got {options.MaxRetries}.");
        if (options.RetryDelay <= TimeSpan.Zero)
            errors.Add($"Engine:OpenAi:RetryDelay must be positive, got {options.RetryDelay}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
