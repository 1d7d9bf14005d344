using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Local;

public static class LocalEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local engine: <see cref="LocalEngineOptions"/> bound from <c>Engine:Local</c> and validated at
    /// start, <see cref="ILocalModelFiles"/> from those options (unless one is already registered: the model catalog
    /// replaces it), and <see cref="LocalGlmChatClient"/> as a singleton (engine selection maps IChatClient to it).
    /// </summary>
    public static IServiceCollection AddLocalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalEngineOptions>()
            .Bind(configuration.GetSection(LocalEngineOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidator>());
        services.TryAddSingleton<ILocalModelFiles, ConfiguredLocalModelFiles>();
        services.TryAddSingleton<LocalGlmChatClient>();
        return services;
    }
}
