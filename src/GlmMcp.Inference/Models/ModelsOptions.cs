namespace GlmMcp.Inference.Models;

/// <summary>
/// Where model files come from and where they are kept. Section <c>Models</c>; env <c>GLM_MCP_Models__CacheDir</c>…;
/// CLI <c>pull --base-url --cache-dir</c>.
/// </summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>A Hugging Face-compatible endpoint serving <c>{BaseUrl}/{repo}/resolve/{revision}/{file}</c>:
    /// Hugging Face itself, a mirror, or ModelScope's compatible endpoint.</summary>
    public string BaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>The cache folder; empty means <c>$XDG_CACHE_HOME/glm-mcp/models</c> or <c>~/.cache/glm-mcp/models</c>.</summary>
    public string? CacheDir { get; set; }

    /// <summary>The environment variable holding an access token for gated repositories or private mirrors.</summary>
    public string TokenVariable { get; set; } = "HF_TOKEN";

    /// <summary>When true the first model-backed call downloads a missing model (with progress) instead of saying how.</summary>
    public bool AutoPull { get; set; }

    /// <summary>How long a download may receive nothing before the connection counts as broken (and is resumed).</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a broken download is resumed from where it stopped before giving up.</summary>
    public int MaxResumes { get; set; } = 5;

    /// <summary>The first delay before a retry after a 429/5xx answer or a broken connection.</summary>
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
}
