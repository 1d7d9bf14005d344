using GlmMcp.Core.Settings;
using GlmMcp.Inference.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlmMcp.Inference.Local;

public static class LocalEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local engine: <see cref="LocalEngineOptions"/> bound from <c>Engine</c> (shared defaults such as
    /// MaxTokens, Temperature, TopP, Thinking) then <c>Engine:Local</c> (engine-specific settings and overrides),
    /// validated at start; <see cref="ILocalModelFiles"/> from <c>Engine:Local:ModelPath</c>/<c>MmprojPath</c> unless one is
    /// registered already (<c>AddModels</c> registers the catalog cache); and <see cref="LocalGlmChatClient"/> as a
    /// singleton (<c>AddEngines</c> exposes it as the keyed <c>IChatClient</c> of the local engine).
    /// </summary>
    public static IServiceCollection AddLocalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSettings<LocalEngineOptions, LocalEngineOptionsValidator>(configuration, EngineOptions.Section, LocalEngineOptions.SectionName);
        services.TryAddSingleton<ILocalModelFiles, ConfiguredLocalModelFiles>();
        services.TryAddSingleton<LocalGlmChatClient>();
        return services;
    }
}
