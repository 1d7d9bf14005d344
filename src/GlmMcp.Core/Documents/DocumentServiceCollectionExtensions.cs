using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GlmMcp.Core.Documents;

public static class DocumentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DocumentOptions"/> (section <c>Documents</c>, validated at start), <see cref="PdfRasterizer"/>,
    /// <see cref="VideoSampler"/> and the <c>video</c> doctor line. Needs <c>AddRendering</c> (the shared Chromium).
    /// </summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DocumentOptions, DocumentOptionsValidator>(configuration, DocumentOptions.Section);
        services.TryAddSingleton<PdfRasterizer>();
        services.TryAddSingleton<VideoSampler>();
        services.AddSingleton<IDoctorCheck, VideoDoctorCheck>();
        return services;
    }
}
