using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Models;

/// <summary>Checks <see cref="ModelsOptions"/> at start; every message names the setting.</summary>
internal sealed class ModelsOptionsValidator : IValidateOptions<ModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"Models:BaseUrl must be an absolute http(s) URL of a Hugging Face-compatible endpoint, got '{options.BaseUrl}'.");
        if (string.IsNullOrWhiteSpace(options.TokenVariable))
            errors.Add("Models:TokenVariable is empty: name the environment variable that may hold a download token (default HF_TOKEN).");
        if (options.StallTimeout <= TimeSpan.Zero)
            errors.Add($"Models:StallTimeout must be positive, got {options.StallTimeout}.");
        if (options.MaxResumes is < 0 or > 100)
            errors.Add($"Models:MaxResumes must be between 0 and 100, got {options.MaxResumes}.");
        if (options.RetryDelay <= TimeSpan.Zero)
            errors.Add($"Models:RetryDelay must be positive, got {options.RetryDelay}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
