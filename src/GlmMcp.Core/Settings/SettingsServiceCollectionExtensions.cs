using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Settings;

/// <summary>
/// The one way settings are registered: bound from their sections with <see cref="SettingsBinder"/>, checked by a
/// source-generated validator (<c>[OptionsValidator]</c> over the data annotations and the class's own
/// <c>IValidatableObject.Validate</c> for checks across fields) and validated when the host starts.
/// </summary>
public static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/> bound from <paramref name="sections"/> in order (a later one overrides an
    /// earlier one) and validated by <typeparamref name="TValidator"/> at start. A second call for the same options
    /// changes nothing, so features that share settings may each ask for them.
    /// </summary>
    public static IServiceCollection AddSettings<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, params string[] sections)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && d.ImplementationType == typeof(TValidator)))
            return services;
        services.AddOptions<TOptions>()
            .Configure(options =>
            {
                foreach (var section in sections)
                    SettingsBinder.Bind(configuration, section, options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }
}
