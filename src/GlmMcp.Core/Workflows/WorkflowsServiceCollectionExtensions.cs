using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Sessions;
using GlmMcp.Core.Workflows.LocateAndEdit;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Registers sessions, the element probe (a Chromium of its own, found like the renderer's, with the renderer's
    /// timeout) and the two workflows. Needs <c>AddImaging</c>, <c>AddRendering</c> and an <see cref="IModelAnswerReader"/>.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSessions(configuration);
        services.TryAddSingleton(sp =>
        {
            var rendering = sp.GetRequiredService<IOptions<RenderingOptions>>().Value;
            return new ChromiumElementProbe(() => ChromiumLocator.Locate(rendering), rendering.Timeout);
        });
        services.TryAddSingleton<IElementProbe>(sp => sp.GetRequiredService<ChromiumElementProbe>());
        services.TryAddSingleton<ScreenshotToCodeWorkflow>();
        services.TryAddSingleton<LocateAndEditWorkflow>();
        return services;
    }
}
