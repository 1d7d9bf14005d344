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
    /// Registers sessions, the element probe (on the shared renderer) and the screenshot-to-code, locate-and-edit and visual-diff workflows. Needs <c>AddImaging</c>, <c>AddRendering</c> and an <see cref="IModelAnswerReader"/>.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessions(configuration);
        services.TryAddSingleton<IElementProbe, RenderedElementProbe>();
        services.TryAddSingleton<ScreenshotToCodeWorkflow>();
        services.TryAddSingleton<LocateAndEditWorkflow>();
        services.TryAddSingleton<FileEditUndo>();
        services.TryAddSingleton<VisualDiffExplainWorkflow>();
        return services;
    }
}
