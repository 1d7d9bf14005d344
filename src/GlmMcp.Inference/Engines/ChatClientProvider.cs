using GlmMcp.Core;
using GlmMcp.Inference.Models;
using GlmMcp.Inference.OpenAi;
using GlmMcp.Inference.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>Picks the keyed <see cref="IChatClient"/> of <c>Engine:Kind</c>; the sampling one is made per request.</summary>
internal sealed class ChatClientProvider(
    IServiceProvider services, IOptions<EngineOptions> engine, IOptions<OpenAiEngineOptions> openAi) : IChatClientProvider
{
    public EngineKind Kind => engine.Value.Kind;

    public async ValueTask<IChatClient> GetAsync(ISamplingSource? sampling, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (Kind)
        {
            case EngineKind.Sampling:
                return SamplingChatClient.Create(sampling, engine.Value);
            case EngineKind.OpenAi:
                return services.GetRequiredKeyedService<IChatClient>(EngineKind.OpenAi);
            default:
                // Files first: a missing model must end in "run glm-mcp pull …" (or a pull), never in a load that hangs.
                await services.GetRequiredService<CachedModelFiles>().ResolveAsync(progress, cancellationToken).ConfigureAwait(false);
                return services.GetKeyedService<IChatClient>(EngineKind.Local) ?? throw new UserInputException(
                    "The local engine is not registered in this build. Start with --engine openai --base-url … or --engine sampling.");
        }
    }

    public string Describe(ISamplingSource? sampling)
    {
        var options = engine.Value;
        return Kind switch
        {
            EngineKind.Sampling => $"sampling (the model of MCP client '{sampling?.ClientName ?? "none"}')",
            EngineKind.OpenAi => $"openai ({openAi.Value.Provider.ToString().ToLowerInvariant()}) " +
                                 $"{(string.IsNullOrWhiteSpace(options.Model) ? OpenAiEngineOptions.DefaultModel : options.Model)} at {openAi.Value.BaseUrl}",
            _ => $"local {(string.IsNullOrWhiteSpace(options.Model) ? "(default model)" : options.Model)}",
        };
    }
}
