using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Imaging;

/// <summary>Reports every invalid <see cref="ImagingOptions"/> setting by name when the host starts.</summary>
internal sealed class ImagingOptionsValidator : IValidateOptions<ImagingOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagingOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
