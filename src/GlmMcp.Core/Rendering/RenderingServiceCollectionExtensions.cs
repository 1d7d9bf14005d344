using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Security;
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
    /// host stops, and the <c>chromium</c> doctor line. Uses the registered <see cref="UrlPolicy"/>, or builds one from <see cref="SecurityOptions"/>.
    /// </summary>
    public static IServiceCollection AddRendering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RenderingOptions>()
            .Bind(configuration.GetSection(RenderingOptions.Section))
            .Validate(o => Validated(o), "Rendering options are invalid")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new UrlPolicy(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedHosts));
        services.TryAddSingleton(sp => new PageRenderer(
            sp.GetRequiredService<IOptions<RenderingOptions>>().Value,
            sp.GetRequiredService<UrlPolicy>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IPageRenderer>(sp => sp.GetRequiredService<PageRenderer>());
        services.AddHostedService<RenderingShutdown>();
        services.AddSingleton<IDoctorCheck, ChromiumDoctorCheck>();
        return services;
    }

    private static bool Validated(RenderingOptions options)
    {
        // Throwing here (instead of returning false) puts the message that names the setting in the start-up error.
        options.Validate();
        return true;
    }
}
