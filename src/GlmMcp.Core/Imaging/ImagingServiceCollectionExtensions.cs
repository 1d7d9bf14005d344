using GlmMcp.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Imaging;

public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ImagingOptions"/> (section <c>Imaging</c>, validated at start), <see cref="ImageDecoder"/>,
    /// <see cref="ImageLoader"/> and <see cref="VisualDiffer"/>. A <see cref="UrlPolicy"/> built from
    /// <see cref="SecurityOptions"/> is added unless one is registered already.
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImagingOptions>()
            .Bind(configuration.GetSection(ImagingOptions.Section))
            .ValidateOnStart();
        // Several features call AddImaging; one validator keeps each problem reported once.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagingOptions>, ImagingOptionsValidator>());
        services.TryAddSingleton(sp => new UrlPolicy(
            sp.GetService<IOptions<SecurityOptions>>()?.Value.AllowedHosts ?? configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.AllowedHosts ?? []));
        services.TryAddSingleton(sp => new ImageDecoder(sp.GetRequiredService<IOptions<ImagingOptions>>().Value));
        services.TryAddSingleton<ImageLoader>();
        services.TryAddSingleton<VisualDiffer>();
        return services;
    }
}
