using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Models;

/// <summary>Checks <see cref="ModelsOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class ModelsOptionsValidator : IValidateOptions<ModelsOptions>
{
}
