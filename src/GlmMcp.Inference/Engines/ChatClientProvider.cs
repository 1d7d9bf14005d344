using GlmMcp.Core;
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

    public ValueTask<IChatClient> GetAsync(ISamplingSource? sampling, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Kind switch
        {
            EngineKind.Sampling => ValueTask.FromResult<IChatClient>(SamplingChatClient.Create(sampling, engine.Value)),
            EngineKind.OpenAi => ValueTask.FromResult(services.GetRequiredKeyedService<IChatClient>(EngineKind.OpenAi)),
            _ => ValueTask.FromResult(services.GetKeyedService<IChatClient>(EngineKind.Local) ?? throw new UserInputException(
                "The local engine is not registered in this build. Start with --engine openai --base-url … or --engine sampling.")),
        };
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
