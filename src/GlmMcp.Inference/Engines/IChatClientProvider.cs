using GlmMcp.Inference.Sampling;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Engines;

/// <summary>
/// Hands workflows the chat client of the configured engine, so they never know which one runs.
/// </summary>
public interface IChatClientProvider
{
    /// <summary>The configured engine (<c>Engine:Kind</c>).</summary>
    EngineKind Kind { get; }

    /// <summary>
    /// The engine's chat client, ready to answer. For the local engine this first makes sure the model files are
    /// there (pulling them with <paramref name="progress"/> when <c>Models:AutoPull</c> is on, otherwise a
    /// <see cref="GlmMcp.Core.UserInputException"/> naming the <c>glm-mcp pull</c> to run).
    /// </summary>
    /// <param name="sampling">The MCP client behind the current request; null outside MCP (CLI).</param>
    /// <param name="progress">Download progress 0..1 while model files are fetched.</param>
    ValueTask<IChatClient> GetAsync(ISamplingSource? sampling, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>One line naming the engine and model, e.g. <c>openai (vllm) glm-4.6v at http://gpu:8000/v1</c>.</summary>
    string Describe(ISamplingSource? sampling);
}
