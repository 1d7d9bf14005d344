using GlmMcp.Core.Security;
using GlmMcp.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Imaging;

public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ImagingOptions"/> (section <c>Imaging</c>, validated at start), <see cref="ImageDecoder"/>,
    /// <see cref="ImageLoader"/> and <see cref="VisualDiffer"/>. Needs <c>AddSecurity</c> (the <see cref="UrlPolicy"/> that
    /// image downloads follow). Several features call it; a second call changes nothing.
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ImagingOptions, ImagingOptionsValidator>(configuration, ImagingOptions.Section);
        services.TryAddSingleton(sp => new ImageDecoder(sp.GetRequiredService<IOptions<ImagingOptions>>().Value));
        services.TryAddSingleton<ImageLoader>();
        services.TryAddSingleton<VisualDiffer>();
        return services;
    }
}
