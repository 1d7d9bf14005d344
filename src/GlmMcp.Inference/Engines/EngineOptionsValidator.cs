using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>Checks <see cref="EngineOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
}
