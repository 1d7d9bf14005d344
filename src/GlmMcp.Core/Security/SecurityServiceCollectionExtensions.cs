using GlmMcp.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Security;

/// <summary>
/// Registers <see cref="SecurityOptions"/>, the configured <see cref="AllowedRoots"/> and the one <see cref="UrlPolicy"/>
/// that rendering and image downloads share.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SecurityOptions, SecurityOptionsValidator>(configuration, SecurityOptions.Section);
        services.TryAddSingleton(sp => new UrlPolicy(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedHosts));
        services.TryAddSingleton(sp => ConfiguredRoots(sp.GetRequiredService<IOptions<SecurityOptions>>().Value));
        return services;
    }

    /// <summary>The roots used when the MCP client sends none: the working directory plus <c>--root</c> folders.</summary>
    public static AllowedRoots ConfiguredRoots(SecurityOptions options)
    {
        IEnumerable<string> roots = options.Roots;
        if (options.IncludeWorkingDirectory)
            roots = roots.Prepend(Directory.GetCurrentDirectory());
        return new AllowedRoots(roots);
    }
}
