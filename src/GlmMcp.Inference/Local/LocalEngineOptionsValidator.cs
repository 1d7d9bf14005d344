using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Local;

/// <summary>Checks <see cref="LocalEngineOptions"/> at start, with messages that name the setting (source-generated).</summary>
[OptionsValidator]
public sealed partial class LocalEngineOptionsValidator : IValidateOptions<LocalEngineOptions>
{
}
