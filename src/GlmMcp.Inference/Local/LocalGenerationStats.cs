namespace GlmMcp.Inference.Local;

/// <summary>
/// What one local request cost: prompt tokens evaluated vs reused from the KV cache (a shared prefix such as the
/// system prompt and the same image is not evaluated again), the images in the prompt and how many of them the cache
/// already held (those are not encoded again), time to evaluate the prompt (image encoding included), time spent
/// encoding images, and generation. Attached to responses under <see cref="AdditionalPropertiesKey"/>.
/// </summary>
public sealed record LocalGenerationStats(
    int PromptTokens,
    int ReusedPromptTokens,
    int ImageCount,
    int ReusedImageCount,
    TimeSpan PromptEvalTime,
    TimeSpan ImageEncodeTime,
    int GeneratedTokens,
    TimeSpan GenerationTime)
{
    public const string AdditionalPropertiesKey = "glm_local_stats";

    public bool KvCacheReused => ReusedPromptTokens > 0;

    public double PromptTokensPerSecond =>
        PromptEvalTime > TimeSpan.Zero ? (PromptTokens - ReusedPromptTokens) / PromptEvalTime.TotalSeconds : 0;

    public double GenerationTokensPerSecond =>
        GenerationTime > TimeSpan.Zero ? GeneratedTokens / GenerationTime.TotalSeconds : 0;
}
