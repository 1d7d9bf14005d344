using GlmMcp.Inference.Local;

namespace GlmMcp.Bench.Engine;

/// <summary>
/// One measured round of <see cref="LocalEngineBenchmark"/>. "Ours" goes through <see cref="LocalGlmChatClient"/>
/// (streaming); "executor" drives LLamaSharp's own <c>InteractiveExecutor</c> on the same prompt text, image and
/// sampling settings. Prompt time = request to first token; generation time = first to last token. The refine fields
/// are a screenshot_to_code round 2 (target, render, diff picture) right after its round 1 on the same context (warm:
/// the system text and target image come from the KV cache) and the same request after an unrelated one (cold).
/// </summary>
public sealed record LocalEngineBenchmarkRun(
    int PromptTokens,
    int GeneratedTokens,
    TimeSpan OursPromptTime,
    TimeSpan OursGenerationTime,
    TimeSpan OursImageEncodeTime,
    int ExecutorGeneratedTokens,
    TimeSpan ExecutorPromptTime,
    TimeSpan ExecutorGenerationTime,
    TimeSpan FollowUpPromptTime,
    int FollowUpPromptTokens,
    int FollowUpReusedTokens,
    int RefinePrefixTokens,
    int RefinePromptTokens,
    int RefineReusedTokens,
    int RefineReusedImages,
    TimeSpan RefineWarmPromptTime,
    TimeSpan RefineColdPromptTime)
{
    public double OursPromptTokensPerSecond => PromptTokens / OursPromptTime.TotalSeconds;

    public double ExecutorPromptTokensPerSecond => PromptTokens / ExecutorPromptTime.TotalSeconds;

    public double OursGenerationTokensPerSecond => Math.Max(0, GeneratedTokens - 1) / OursGenerationTime.TotalSeconds;

    public double ExecutorGenerationTokensPerSecond => Math.Max(0, ExecutorGeneratedTokens - 1) / ExecutorGenerationTime.TotalSeconds;
}
