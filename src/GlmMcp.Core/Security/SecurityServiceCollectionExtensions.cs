using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Security;

/// <summary>Registers <see cref="SecurityOptions"/>, the configured <see cref="AllowedRoots"/> and <see cref="UrlPolicy"/>.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton(sp => new UrlPolicy(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedHosts));
        services.AddSingleton(sp => ConfiguredRoots(sp.GetRequiredService<IOptions<SecurityOptions>>().Value));
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

/// <summary>Names the missing root folders, so the start-up error says which one to fix.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var missing = options.Roots.Where(r => !Directory.Exists(r)).ToArray();
        return missing.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Security:Roots (--root): folder not found: {string.Join(", ", missing)}.");
    }
}
