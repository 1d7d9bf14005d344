using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Settings;

namespace GlmMcp.Inference.Local;

/// <summary>
/// Settings of the local LLamaSharp engine, section <c>Engine:Local</c> (env <c>GLM_MCP_Engine__Local__Key</c>);
/// settings shared by all engines (MaxTokens, Temperature, TopP, Thinking) may also come from section <c>Engine</c>.
/// Sampling defaults are the GLM-4.6V model card's (docs/glm-format.md, "Recommended sampling").
/// </summary>
public sealed class LocalEngineOptions : IValidatableObject
{
    public const string SectionName = "Engine:Local";

    /// <summary>The text GGUF (GLM-4.6V-Flash <c>glm4</c> or GLM-4.6V <c>glm4moe</c>, with M-RoPE sections).</summary>
    public string? ModelPath { get; set; }

    /// <summary>The <c>glm4v</c> vision projector GGUF that belongs to the text model.</summary>
    public string? MmprojPath { get; set; }

    /// <summary>Context window in tokens (prompt + answer). The model allows 128k; memory grows with it.</summary>
    [SettingRange(256d, uint.MaxValue, ErrorMessage = "Setting Engine:Local:ContextSize is {0}; it must be at least 256 tokens.")]
    public uint ContextSize { get; set; } = 16384;

    /// <summary>Layers offloaded to the GPU (needs a GPU backend build; 0 = CPU only, -1 = all).</summary>
    [SettingRange(-1, int.MaxValue, ErrorMessage = "Setting Engine:Local:GpuLayerCount is {0}; it must be -1 (all), 0 (CPU) or a layer count.")]
    public int GpuLayerCount { get; set; }

    /// <summary>CPU threads for generation; null lets llama.cpp choose.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Setting Engine:Local:Threads is {0}; it must be at least 1 (or unset).")]
    public int? Threads { get; set; }

    /// <summary>Prompt tokens evaluated per batch.</summary>
    [SettingRange(1d, uint.MaxValue, ErrorMessage = "Setting Engine:Local:BatchSize is {0}; it must be at least 1.")]
    public uint BatchSize { get; set; } = 512;

    /// <summary>Contexts served in parallel; each holds its own KV cache. Requests queue fairly for them.</summary>
    [SettingRange(1, 64, ErrorMessage = "Setting Engine:Local:Contexts is {0}; it must be between {1} and {2}.")]
    public int Contexts { get; set; } = 1;

    /// <summary>Lower bound of the tokens one image may cost (mtmd <c>image_min_tokens</c>); null keeps the model's.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Setting Engine:Local:ImageMinTokens is {0}; it must be at least 1 (or unset).")]
    public int? ImageMinTokens { get; set; }

    /// <summary>Upper bound of the tokens one image may cost (mtmd <c>image_max_tokens</c>); null keeps the model's.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Setting Engine:Local:ImageMaxTokens is {0}; it must be at least 1 (or unset).")]
    public int? ImageMaxTokens { get; set; }

    /// <summary>Whether the model thinks first when a request does not say (<c>ChatOptions.Reasoning</c>); GLM's default is on.</summary>
    public bool Thinking { get; set; } = true;

    [SettingRange(0d, 5d, ErrorMessage = "Setting Engine:Local:Temperature is {0}; it must be between {1} and {2}.")]
    public float Temperature { get; set; } = 0.8f;

    [SettingRange(0d, 1d, MinimumIsExclusive = true, ErrorMessage = "Setting Engine:Local:TopP is {0}; it must be above 0 and at most 1.")]
    public float TopP { get; set; } = 0.6f;

    [SettingRange(0, int.MaxValue, ErrorMessage = "Setting Engine:Local:TopK is {0}; it must be 0 (off) or more.")]
    public int TopK { get; set; } = 2;

    [SettingRange(1d, 2d, ErrorMessage = "Setting Engine:Local:RepetitionPenalty is {0}; it must be between {1} and {2}.")]
    public float RepetitionPenalty { get; set; } = 1.1f;

    /// <summary>Default answer length limit when a request sets none.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "Setting Engine:Local:MaxTokens is {0}; it must be at least 1.")]
    public int MaxTokens { get; set; } = 8192;

    /// <summary>Refuses an image token range whose lower bound is above its upper one.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ImageMinTokens is { } min && ImageMaxTokens is { } max && min > max)
            yield return new ValidationResult($"Setting {SectionName}:ImageMinTokens is {min}; it must be not above ImageMaxTokens ({max}).");
    }
}
