using GlmMcp.Core.Sessions;
using GlmMcp.Core.Workflows.LocateAndEdit;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Core.Workflows.VisualDiffExplain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlmMcp.Core.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Registers sessions, the element probe (on the shared renderer), the screenshot-to-code, locate-and-edit and visual-diff workflows, and the eval runner. Needs <c>AddImaging</c>, <c>AddRendering</c> and an <see cref="IModelAnswerReader"/>.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessions(configuration);
        services.TryAddSingleton<IElementProbe, RenderedElementProbe>();
        services.TryAddSingleton<ScreenshotToCodeWorkflow>();
        services.TryAddSingleton<LocateAndEditWorkflow>();
        services.TryAddSingleton<FileEditUndo>();
        services.TryAddSingleton<DevServerProbe>();
        services.TryAddSingleton(_ => new SourceLocator(DevServerHttp()));
        services.TryAddSingleton(_ => new DevServerReload(DevServerHttp()));
        services.TryAddSingleton<VisualDiffExplainWorkflow>();
        services.TryAddSingleton<Eval.EvalRunner>();
        return services;
    }

    /// <summary>An HTTP client for dev servers on loopback: no proxy, no redirects, a short timeout.</summary>
    private static HttpClient DevServerHttp() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
}
