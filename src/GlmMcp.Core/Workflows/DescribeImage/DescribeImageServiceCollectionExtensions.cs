using GlmMcp.Core.Documents;
using GlmMcp.Core.Imaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlmMcp.Core.Workflows.DescribeImage;

public static class DescribeImageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DescribeImageWorkflow"/> and the imaging and documents (PDFs, videos) it needs. The
    /// <see cref="IModelAnswerReader"/> comes from the inference layer (<c>AddEngines</c>); the Chromium that draws PDFs
    /// and videos from <c>AddRendering</c>.</summary>
    public static IServiceCollection AddDescribeImage(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(s => s.ServiceType == typeof(ImageLoader)))
            services.AddImaging(configuration);
        if (!services.Any(s => s.ServiceType == typeof(PdfRasterizer)))
            services.AddDocuments(configuration);
        services.TryAddSingleton<DescribeImageWorkflow>();
        return services;
    }
}
