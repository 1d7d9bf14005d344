using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Settings;

namespace GlmMcp.Inference.Models;

/// <summary>
/// Where model files come from and where they are kept. Section <c>Models</c>; env <c>GLM_MCP_Models__CacheDir</c>…;
/// CLI <c>pull --base-url --cache-dir</c>.
/// </summary>
public sealed class ModelsOptions : IValidatableObject
{
    public const string Section = "Models";

    /// <summary>A Hugging Face-compatible endpoint serving <c>{BaseUrl}/{repo}/resolve/{revision}/{file}</c>:
    /// Hugging Face itself, a mirror, or ModelScope's compatible endpoint.</summary>
    public string BaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>The cache folder; empty means <c>$XDG_CACHE_HOME/glm-mcp/models</c> or <c>~/.cache/glm-mcp/models</c>.</summary>
    public string? CacheDir { get; set; }

    /// <summary>The environment variable holding an access token for gated repositories or private mirrors.</summary>
    [Required(ErrorMessage = "Models:TokenVariable is empty: name the environment variable that may hold a download token (default HF_TOKEN).")]
    public string TokenVariable { get; set; } = "HF_TOKEN";

    /// <summary>When true the first model-backed call downloads a missing model (with progress) instead of saying how.</summary>
    public bool AutoPull { get; set; }

    /// <summary>How long a download may receive nothing before the connection counts as broken (and is resumed).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true, ErrorMessage = "Models:StallTimeout must be positive, got {0}.")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a broken download is resumed from where it stopped before giving up.</summary>
    [SettingRange(0, 100, ErrorMessage = "Models:MaxResumes must be between {1} and {2}, got {0}.")]
    public int MaxResumes { get; set; } = 5;

    /// <summary>The first delay before a retry after a 429/5xx answer or a broken connection.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true, ErrorMessage = "Models:RetryDelay must be positive, got {0}.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cache folder after defaults and <c>~</c> are applied.</summary>
    public string ResolvedCacheDir
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(CacheDir))
            {
                return Path.GetFullPath(CacheDir.StartsWith('~')
                    ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), CacheDir[1..])
                    : CacheDir);
            }
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = string.IsNullOrWhiteSpace(xdg)
                ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Join(root, "glm-mcp", "models");
        }
    }

    /// <summary>Refuses a base URL that is not an absolute http(s) URL.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return new ValidationResult($"Models:BaseUrl must be an absolute http(s) URL of a Hugging Face-compatible endpoint, got '{BaseUrl}'.");
    }
}
