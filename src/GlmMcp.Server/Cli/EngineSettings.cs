namespace GlmMcp.Server.Cli;

/// <summary>Command-line options for the engine and model files, mapped to the <c>Engine</c> and <c>Models</c> settings.</summary>
internal static class EngineSettings
{
    // Declared first: static initializers run in text order and the lists below use it.
    private static SettingOption CacheDir { get; } =
        SettingOption.Value<string>("--cache-dir", "Models:CacheDir", "Where models are kept (default ~/.cache/glm-mcp/models).");

    /// <summary>Options of <c>serve</c> and <c>doctor</c>.</summary>
    public static IReadOnlyList<SettingOption> Serve { get; } =
    [
        SettingOption.Value<string>("--engine", "Engine:Kind", "Where the model runs: local (default, LLamaSharp + cached GGUF), openai (vLLM/SGLang/Zhipu), sampling (the MCP client's model)."),
        SettingOption.Value<string>("--model", "Engine:Model", "local: a catalog name (glm-mcp models) or a GGUF path; openai: the served model name (default glm-4.6v)."),
        SettingOption.Value<string>("--mmproj", "Engine:Mmproj", "local: the vision projector GGUF when --model is a path."),
        SettingOption.Value<string>("--base-url", "Engine:OpenAi:BaseUrl", "openai: the API root, e.g. http://gpu-node:8000/v1."),
        SettingOption.Value<string>("--provider", "Engine:OpenAi:Provider", "openai: vllm (default), sglang or zhipu; decides how thinking is switched."),
        SettingOption.Value<string>("--api-key-env", "Engine:OpenAi:ApiKeyVariable", "openai: the environment variable holding the API key (default GLM_MCP_API_KEY)."),
        SettingOption.Value<bool?>("--thinking", "Engine:Thinking", "Whether the model thinks before answering when a call does not say (default true)."),
        SettingOption.Value<int?>("--max-tokens", "Engine:MaxTokens", "The answer budget when a call gives none (default 16384)."),
        SettingOption.Value<bool?>("--auto-pull", "Models:AutoPull", "local: download a missing model on first use instead of failing with the pull command."),
        CacheDir,
    ];

    /// <summary>Options of <c>pull</c> and <c>models</c>.</summary>
    public static IReadOnlyList<SettingOption> Pull { get; } =
    [
        SettingOption.Value<string>("--base-url", "Models:BaseUrl", "A Hugging Face-compatible endpoint (default https://huggingface.co; a mirror or ModelScope works)."),
        SettingOption.Value<string>("--token-env", "Models:TokenVariable", "The environment variable holding a download token (default HF_TOKEN)."),
        CacheDir,
    ];
}
