using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Settings;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlmMcp.Server.Hosting;

/// <summary>Everything the tools and verbs need, from one configuration; transports are added by the hosts.</summary>
public static class GlmMcpServiceCollectionExtensions
{
    public static IServiceCollection AddGlmMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSecurity(configuration);
        services.AddRendering(configuration);
        services.AddImaging(configuration);
        services.AddSingleton<RootsResolver>();
        services.AddEngines(configuration);
        services.AddDescribeImage(configuration);
        services.AddWorkflows(configuration);
        services.AddSingleton<IDoctorCheck, RootsDoctorCheck>();
        services.AddSettings<HttpTransportOptions, HttpTransportOptionsValidator>(configuration, HttpTransportOptions.Section);
        services.AddSingleton<IDoctorCheck, TransportDoctorCheck>();
        return services;
    }
}
