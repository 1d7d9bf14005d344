using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.OpenAi;

/// <summary>Checks <see cref="OpenAiEngineOptions"/> (source-generated); <see cref="ChosenOpenAiEngineValidator"/> runs it.</summary>
[OptionsValidator]
public sealed partial class OpenAiEngineOptionsValidator : IValidateOptions<OpenAiEngineOptions>
{
}
