using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Settings;

/// <summary>Checks settings handed to a constructor directly (tests, benchmarks) the way the host checks them at start.</summary>
public static class SettingsValidation
{
    /// <exception cref="OptionsValidationException">A setting is invalid; each failure names its setting.</exception>
    public static TOptions ThrowIfInvalid<TOptions>(this IValidateOptions<TOptions> validator, TOptions options) where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        return options;
    }
}
