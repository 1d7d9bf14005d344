using GlmMcp.Core;

namespace GlmMcp.Inference.Local;

/// <summary>
/// Settings of the local LLamaSharp engine, section <c>Engine:Local</c> (env <c>GLM_MCP_Engine__Local__Key</c>);
/// settings shared by all engines (MaxTokens, Temperature, TopP, Thinking) may also come from section <c>Engine</c>.
/// Sampling defaults are the GLM-4.6V model card's (docs/glm-format.md, "Recommended sampling").
/// </summary>
public sealed class LocalEngineOptions
{
    public const string SectionName = "Engine:Local";

    /// <summary>The text GGUF (GLM-4.6V-Flash <c>glm4</c> or GLM-4.6V <c>glm4moe</c>, with M-RoPE sections).</summary>
    public string? ModelPath { get; set; }

    /// <summary>The <c>glm4v</c> vision projector GGUF that belongs to the text model.</summary>
    public string? MmprojPath { get; set; }

    /// <summary>Context window in tokens (prompt + answer). The model allows 128k; memory grows with it.</summary>
    public uint ContextSize { get; set; } = 16384;

    /// <summary>Layers offloaded to the GPU (needs a GPU backend build; 0 = CPU only, -1 = all).</summary>
    public int GpuLayerCount { get; set; }

    /// <summary>CPU threads for generation; null lets llama.cpp choose.</summary>
    public int? Threads { get; set; }

    /// <summary>Prompt tokens evaluated per batch.</summary>
    public uint BatchSize { get; set; } = 512;

    /// <summary>Contexts served in parallel; each holds its own KV cache. Requests queue fairly for them.</summary>
    public int Contexts { get; set; } = 1;

    /// <summary>Lower bound of the tokens one image may cost (mtmd <c>image_min_tokens</c>); null keeps the model's.</summary>
    public int? ImageMinTokens { get; set; }

    /// <summary>Upper bound of the tokens one image may cost (mtmd <c>image_max_tokens</c>); null keeps the model's.</summary>
    public int? ImageMaxTokens { get; set; }

    /// <summary>Whether the model thinks first when a request does not say (<c>ChatOptions.Reasoning</c>); GLM's default is on.</summary>
    public bool Thinking { get; set; } = true;

    public float Temperature { get; set; } = 0.8f;

    public float TopP { get; set; } = 0.6f;

    public int TopK { get; set; } = 2;

    public float RepetitionPenalty { get; set; } = 1.1f;

    /// <summary>Default answer length limit when a request sets none.</summary>
    public int MaxTokens { get; set; } = 8192;

    /// <exception cref="UserInputException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        Require(ContextSize >= 256, "ContextSize", $"{ContextSize}", "at least 256 tokens");
        Require(BatchSize >= 1, "BatchSize", $"{BatchSize}", "at least 1");
        Require(Contexts is >= 1 and <= 64, "Contexts", $"{Contexts}", "between 1 and 64");
        Require(Threads is null or >= 1, "Threads", $"{Threads}", "at least 1 (or unset)");
        Require(GpuLayerCount >= -1, "GpuLayerCount", $"{GpuLayerCount}", "-1 (all), 0 (CPU) or a layer count");
        Require(ImageMinTokens is null or >= 1, "ImageMinTokens", $"{ImageMinTokens}", "at least 1 (or unset)");
        Require(ImageMaxTokens is null or >= 1, "ImageMaxTokens", $"{ImageMaxTokens}", "at least 1 (or unset)");
        Require(ImageMinTokens is null || ImageMaxTokens is null || ImageMinTokens <= ImageMaxTokens, "ImageMinTokens",
            $"{ImageMinTokens}", $"not above ImageMaxTokens ({ImageMaxTokens})");
        Require(Temperature is >= 0 and <= 5, "Temperature", $"{Temperature}", "between 0 and 5");
        Require(TopP is > 0 and <= 1, "TopP", $"{TopP}", "above 0 and at most 1");
        Require(TopK >= 0, "TopK", $"{TopK}", "0 (off) or more");
        Require(RepetitionPenalty is >= 1 and <= 2, "RepetitionPenalty", $"{RepetitionPenalty}", "between 1 and 2");
        Require(MaxTokens >= 1, "MaxTokens", $"{MaxTokens}", "at least 1");
    }

    private static void Require(bool ok, string key, string value, string rule)
    {
        if (!ok)
            throw new UserInputException($"Setting {SectionName}:{key} is {value}; it must be {rule}.");
    }
}
