namespace GlmMcp.Inference.Models;

/// <summary>What a catalog file is to the local engine.</summary>
public enum ModelFileRole
{
    /// <summary>The text GGUF the engine loads (the first part when the weights are split).</summary>
    Model,

    /// <summary>A further part of split weights; llama.cpp finds it beside the first part.</summary>
    Part,

    /// <summary>The vision projector (<c>clip.projector_type = glm4v</c>).</summary>
    Mmproj,
}
