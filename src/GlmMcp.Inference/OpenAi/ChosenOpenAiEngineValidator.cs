using GlmMcp.Inference.Engines;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.OpenAi;

/// <summary>
/// Checks the OpenAI engine's settings at start only when it is the chosen engine (<c>Engine:Kind</c> openai): a local
/// user need not set a base URL they never use.
/// </summary>
internal sealed class ChosenOpenAiEngineValidator(IOptions<EngineOptions> engine) : IValidateOptions<OpenAiEngineOptions>
{
    private readonly OpenAiEngineOptionsValidator _validator = new();

    public ValidateOptionsResult Validate(string? name, OpenAiEngineOptions options) =>
        engine.Value.Kind == EngineKind.OpenAi ? _validator.Validate(name, options) : ValidateOptionsResult.Skip;
}
