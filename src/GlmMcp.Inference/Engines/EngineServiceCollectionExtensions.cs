using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Settings;
using GlmMcp.Core.Workflows;
using GlmMcp.Inference.Local;
using GlmMcp.Inference.Models;
using GlmMcp.Inference.OpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>Registers the engines and engine selection (<see cref="IChatClientProvider"/>).</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Engine</c>, validates it at start, and registers every engine as a keyed <see cref="IChatClient"/>
    /// (<see cref="EngineKind.Local"/> on the model catalog's files, <see cref="EngineKind.OpenAi"/>), the model
    /// catalog/downloader, <see cref="IChatClientProvider"/>, the GLM <see cref="IModelAnswerReader"/> and the engine doctor lines.
    /// </summary>
    public static IServiceCollection AddEngines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<EngineOptions, EngineOptionsValidator>(configuration, EngineOptions.Section);
        services.AddModels(configuration);
        services.AddLocalEngine(configuration);
        services.AddKeyedSingleton<IChatClient>(EngineKind.Local, (sp, _) => new ThinkingDefaultChatClient(
            sp.GetRequiredService<LocalGlmChatClient>(), sp.GetRequiredService<IOptions<EngineOptions>>().Value.Thinking));
        services.AddOpenAiEngine(configuration);
        services.AddSingleton<IChatClientProvider, ChatClientProvider>();
        services.TryAddSingleton<IModelAnswerReader, GlmAnswerReader>();
        services.AddSingleton<IDoctorCheck, EngineDoctorCheck>();
        return services;
    }
}
