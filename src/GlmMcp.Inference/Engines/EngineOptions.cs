namespace GlmMcp.Inference.Engines;

/// <summary>
/// Which engine answers and the defaults every request gets. Section <c>Engine</c>; env <c>GLM_MCP_Engine__Kind</c>…;
/// CLI <c>--engine</c>, <c>--model</c>, <c>--mmproj</c>. Sampling defaults are GLM-4.6V's model card.
/// </summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    public EngineKind Kind { get; set; } = EngineKind.Local;

    /// <summary>Local engine: a catalog name (<c>glm-mcp models</c>) or a GGUF path; OpenAI engine: the served model name.
    /// Empty means the default of the engine.</summary>
    public string? Model { get; set; }

    /// <summary>Local engine: the vision projector GGUF, when <see cref="Model"/> is a path.</summary>
    public string? Mmproj { get; set; }

    /// <summary>Whether the model thinks before answering when a request does not say (GLM's default is on).</summary>
    public bool Thinking { get; set; } = true;

    /// <summary>The answer budget when a request gives none (model card: up to 16k new tokens).</summary>
    public int MaxTokens { get; set; } = 16384;

    public float Temperature { get; set; } = 0.8f;

    public float TopP { get; set; } = 0.6f;
}
