using GlmMcp.Core;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Local;

/// <summary>Checks <see cref="LocalEngineOptions"/> at start, with messages that name the setting.</summary>
public sealed class LocalEngineOptionsValidator : IValidateOptions<LocalEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (UserInputException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
