using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Security;
using GlmMcp.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RenderingOptions"/> (section <c>Rendering</c>, validated at start), one shared
    /// <see cref="PageRenderer"/> as <see cref="IPageRenderer"/>, and a hosted service that closes Chromium when the
    /// host stops, and the <c>chromium</c> doctor line. Needs <c>AddSecurity</c> (the <see cref="UrlPolicy"/> pages follow).
    /// </summary>
    public static IServiceCollection AddRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RenderingOptions, RenderingOptionsValidator>(configuration, RenderingOptions.Section);
        services.TryAddSingleton(sp => new PageRenderer(
            sp.GetRequiredService<IOptions<RenderingOptions>>().Value,
            sp.GetRequiredService<UrlPolicy>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IPageRenderer>(sp => sp.GetRequiredService<PageRenderer>());
        services.AddHostedService<RenderingShutdown>();
        services.AddSingleton<IDoctorCheck, ChromiumDoctorCheck>();
        return services;
    }
}
