using GlmMcp.Core.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlmMcp.Core.Workflows.DescribeImage;

public static class DescribeImageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DescribeImageWorkflow"/> and the imaging it needs. The <see cref="IModelAnswerReader"/>
    /// comes from the inference layer (<c>AddEngines</c>).</summary>
    public static IServiceCollection AddDescribeImage(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(s => s.ServiceType == typeof(ImageLoader)))
            services.AddImaging(configuration);
        services.TryAddSingleton<DescribeImageWorkflow>();
        return services;
    }
}
