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
    IServiceProvider services, IOptions<EngineOptions> engine, IOptions<OpenAiEngineOptions> openAi, CachedModelFiles localFiles)
    : IChatClientProvider
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
                await localFiles.ResolveAsync(progress, cancellationToken).ConfigureAwait(false);
                return services.GetRequiredKeyedService<IChatClient>(EngineKind.Local);
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
            _ => $"local {LocalModelName(options)}",
        };
    }

    /// <summary>The catalog name, or <c>custom</c> and the file name for files given by path.</summary>
    private string LocalModelName(EngineOptions options)
    {
        try
        {
            return localFiles.ConfiguredCatalogModel?.Name ?? $"{CachedModelFiles.CustomName} ({Path.GetFileName(options.Model)})";
        }
        catch (UserInputException)
        {
            return options.Model ?? "(unknown model)";
        }
    }
}
