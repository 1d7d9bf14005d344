using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>Checks <see cref="EngineOptions"/> at start; every message names the setting.</summary>
internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    // Model card: "up to 16k new tokens"; the context is 128k, so more than that can never be produced.
    private const int MaxTokensCeiling = 131072;

    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Kind))
            errors.Add($"Engine:Kind must be local, openai or sampling, got '{options.Kind}'.");
        if (options.MaxTokens is < 1 or > MaxTokensCeiling)
            errors.Add($"Engine:MaxTokens must be between 1 and {MaxTokensCeiling}, got {options.MaxTokens}.");
        if (options.Temperature is < 0 or > 2)
            errors.Add($"Engine:Temperature must be between 0 and 2, got {options.Temperature}.");
        if (options.TopP is <= 0 or > 1)
            errors.Add($"Engine:TopP must be in (0, 1], got {options.TopP}.");
        if (!string.IsNullOrWhiteSpace(options.Mmproj) && options.Kind != EngineKind.Local)
            errors.Add($"Engine:Mmproj (--mmproj) only applies to the local engine, but Engine:Kind is {options.Kind.ToString().ToLowerInvariant()}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
