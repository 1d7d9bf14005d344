using System.Net;
using GlmMcp.Core.Settings;
using GlmMcp.Inference.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace GlmMcp.Inference.Models;

/// <summary>Registers the model catalog, cache, downloader and <see cref="CachedModelFiles"/> as the local engine's <see cref="ILocalModelFiles"/>.</summary>
public static class ModelsServiceCollectionExtensions
{
    /// <summary>A TCP connect that takes longer than this is a dead mirror, not a slow one.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 429/5xx answer; a broken body is resumed separately (Models:MaxResumes).</summary>
    private const int TransientRetries = 3;

    public static IServiceCollection AddModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ModelsOptions, ModelsOptionsValidator>(configuration, ModelsOptions.Section);
        services.TryAddSingleton(_ => ModelCatalog.Embedded);
        services.TryAddSingleton<ModelCache>();
        services.TryAddSingleton<IFreeSpaceProbe, DriveFreeSpaceProbe>();
        services.TryAddSingleton<IPartialFileOpener, PartialFileOpener>();
        services.TryAddSingleton<CachedModelFiles>();
        // Before AddLocalEngine, whose TryAdd then keeps the catalog as the source of the local engine's files.
        services.TryAddSingleton<ILocalModelFiles>(sp => sp.GetRequiredService<CachedModelFiles>());

        services.AddHttpClient<ModelDownloader>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AllowAutoRedirect = true })
            .AddResilienceHandler("glm-models", AddRetryAndTimeout);
        // HEAD for the hub's X-Linked-Size / X-Linked-Etag, which sit on the redirect to the CDN: not followed.
        services.AddHttpClient(ModelDownloader.MetadataClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AllowAutoRedirect = false })
            .AddResilienceHandler("glm-models-metadata", AddRetryAndTimeout);
        return services;
    }

    private static void AddRetryAndTimeout(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<ModelsOptions>>().Value;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = TransientRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r &&
                (r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500)),
        });
        // Covers the wait for response headers only: the body has its own stall timeout.
        pipeline.AddTimeout(options.StallTimeout);
    }
}
