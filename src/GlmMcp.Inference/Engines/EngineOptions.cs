using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Settings;
using GlmMcp.Core.Workflows.DescribeImage;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// Which engine answers and the defaults every request gets. Section <c>Engine</c>; env <c>GLM_MCP_Engine__Kind</c>…;
/// CLI <c>--engine</c>, <c>--model</c>, <c>--mmproj</c>. Sampling defaults are GLM-4.6V's model card.
/// </summary>
public sealed class EngineOptions : IValidatableObject
{

    public const string Section = "Engine";

    [EnumDataType(typeof(EngineKind), ErrorMessage = "Engine:Kind must be local, openai or sampling.")]
    public EngineKind Kind { get; set; } = EngineKind.Local;

    /// <summary>Local engine: a catalog name (<c>glm-mcp models</c>) or a GGUF path; OpenAI engine: the served model name.
    /// Empty means the default of the engine.</summary>
    public string? Model { get; set; }

    /// <summary>Local engine: the vision projector GGUF, when <see cref="Model"/> is a path.</summary>
    public string? Mmproj { get; set; }

    /// <summary>Whether the model thinks before answering when a request does not say (GLM's default is on).</summary>
    public bool Thinking { get; set; } = true;

    /// <summary>The answer budget when a request gives none (model card: up to 16k new tokens).</summary>
    [SettingRange(1, DescribeImageWorkflow.MaxTokensCeiling, ErrorMessage = "Engine:MaxTokens must be between {1} and {2}, got {0}.")]
    public int MaxTokens { get; set; } = 16384;

    [SettingRange(0d, 2d, ErrorMessage = "Engine:Temperature must be between {1} and {2}, got {0}.")]
    public float Temperature { get; set; } = 0.8f;

    [SettingRange(0d, 1d, MinimumIsExclusive = true, ErrorMessage = "Engine:TopP must be in (0, 1], got {0}.")]
    public float TopP { get; set; } = 0.6f;

    /// <summary>Refuses a vision projector for an engine that loads no model files.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Mmproj) && Kind != EngineKind.Local)
            yield return new ValidationResult($"Engine:Mmproj (--mmproj) only applies to the local engine, but Engine:Kind is {Kind.ToString().ToLowerInvariant()}.");
    }
}
