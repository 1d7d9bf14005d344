namespace GlmMcp.Inference.Engines;

/// <summary>Where the model runs (<c>Engine:Kind</c>, <c>--engine</c>).</summary>
public enum EngineKind
{
    /// <summary>LLamaSharp on this machine with a cached GGUF (the default: no cloud, no key).</summary>
    Local,

    /// <summary>An OpenAI-compatible server: vLLM or SGLang on a cluster, or Zhipu's API.</summary>
    OpenAi,

    /// <summary>The connected MCP client's own model, through MCP sampling.</summary>
    Sampling,
}
