using System.Threading.Channels;
using GlmMcp.Inference.Glm;
using LLama.Sampling;

namespace GlmMcp.Inference.Local;

/// <summary>
/// A request's hold on one context: its prompt and sampler; disposing hands the context back and frees the request's
/// slot in the fair queue, so the next request (of the client waiting longest with the fewest in use) gets it.
/// </summary>
internal sealed class LocalGenerationLease(
    LocalGlmSession session, GlmPrompt prompt, int maxTokens, DefaultSamplingPipeline pipeline, ChannelWriter<LocalGlmSession> pool,
    IDisposable slot)
    : IDisposable
{
    public IEnumerable<string> Generate(Action<LocalGenerationOutcome> onCompleted, CancellationToken cancellationToken) =>
        session.Generate(prompt, maxTokens, pipeline, onCompleted, cancellationToken);

    public void Dispose()
    {
        pipeline.Dispose();
        pool.TryWrite(session);
        slot.Dispose();
    }
}
