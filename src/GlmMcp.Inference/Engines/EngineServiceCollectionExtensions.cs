using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Models;
using GlmMcp.Inference.OpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Engines;

/// <summary>Registers engine selection (<see cref="IChatClientProvider"/>) and the remote engines.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Engine</c>, validates it at start, registers the model catalog/downloader, the OpenAI engine and <see cref="IChatClientProvider"/>.
    /// The local engine registers itself as the keyed <c>IChatClient</c> <see cref="EngineKind.Local"/>.
    /// </summary>
    public static IServiceCollection AddEngines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddModels(configuration);
        services.AddOpenAiEngine(configuration);
        services.AddSingleton<IChatClientProvider, ChatClientProvider>();
        services.TryAddSingleton<IAnswerReader, GlmAnswerReader>();
        services.AddSingleton<IDoctorCheck, EngineDoctorCheck>();
        return services;
    }
}
