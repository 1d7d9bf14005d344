using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Local;

public static class LocalEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local engine: <see cref="LocalEngineOptions"/> bound from <c>Engine</c> (shared defaults such as
    /// MaxTokens, Temperature, TopP, Thinking) then <c>Engine:Local</c> (engine-specific settings and overrides),
    /// validated at start; <see cref="ILocalModelFiles"/> from the model catalog/cache when it is registered
    /// (<c>AddEngines</c>), else from <c>Engine:Local:ModelPath</c>/<c>MmprojPath</c>; and <see cref="LocalGlmChatClient"/>
    /// as a singleton, also as the keyed <see cref="IChatClient"/> <see cref="EngineKind.Local"/> that engine selection uses.
    /// </summary>
    public static IServiceCollection AddLocalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalEngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.Section))
            .Bind(configuration.GetSection(LocalEngineOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidator>());
        services.TryAddSingleton<ILocalModelFiles>(sp => sp.GetService<CachedModelFiles>() is { } cached
            ? new CachedLocalModelFiles(cached)
            : new ConfiguredLocalModelFiles(sp.GetRequiredService<IOptions<LocalEngineOptions>>()));
        services.TryAddSingleton<LocalGlmChatClient>();
        services.TryAddKeyedSingleton<IChatClient>(EngineKind.Local, (sp, _) => sp.GetRequiredService<LocalGlmChatClient>());
        return services;
    }
}
