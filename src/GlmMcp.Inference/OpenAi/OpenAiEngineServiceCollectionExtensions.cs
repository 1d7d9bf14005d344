using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Headers;
using GlmMcp.Core.Settings;
using GlmMcp.Inference.Engines;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;

namespace GlmMcp.Inference.OpenAi;

/// <summary>Registers the OpenAI-compatible engine as the keyed <see cref="IChatClient"/> <see cref="EngineKind.OpenAi"/>.</summary>
public static class OpenAiEngineServiceCollectionExtensions
{
    internal const string HttpClientName = "GlmMcp.OpenAi";

    /// <summary>Used when the server needs no key (vLLM/SGLang without <c>--api-key</c>): the OpenAI client insists on one.</summary>
    private const string NoKey = "no-key";

    public static IServiceCollection AddOpenAiEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<OpenAiEngineOptions, ChosenOpenAiEngineValidator>(configuration, OpenAiEngineOptions.Section);

        services.AddHttpClient(HttpClientName, http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler(sp => new IdleTimeoutHandler(sp.GetRequiredService<IOptions<OpenAiEngineOptions>>().Value.IdleTimeout))
            .AddResilienceHandler("glm-openai", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<OpenAiEngineOptions>>().Value;
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        // A Retry-After beyond Engine:OpenAi:MaxRetryAfter is not waited for: the answer goes back and
                        // OpenAiChatClient says how long the server asked for.
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && IsTransient(response.StatusCode) &&
                            !(RetryAfter(response.Headers.RetryAfter) > options.MaxRetryAfter)),
                    });
                }
                pipeline.AddTimeout(options.Timeout);
            });

        services.AddKeyedSingleton<IChatClient>(EngineKind.OpenAi, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<OpenAiEngineOptions>>().Value;
            var engine = sp.GetRequiredService<IOptions<EngineOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var key = Environment.GetEnvironmentVariable(options.ApiKeyVariable);
            var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(key) ? NoKey : key), new OpenAIClientOptions
            {
                Endpoint = new Uri(options.BaseUrl!),
                Transport = new HttpClientPipelineTransport(http),
                // Retries and timeouts belong to the resilience pipeline above; the client's own would multiply them.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = System.Threading.Timeout.InfiniteTimeSpan,
            });
            var model = string.IsNullOrWhiteSpace(engine.Model) ? OpenAiEngineOptions.DefaultModel : engine.Model;
            return new OpenAiChatClient(client.GetChatClient(model).AsIChatClient(), options, engine,
                sp.GetRequiredService<ILogger<OpenAiChatClient>>());
        });
        return services;
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>How long a <c>Retry-After</c> (seconds or a date) asks to wait; null without one.</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter) => retryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
