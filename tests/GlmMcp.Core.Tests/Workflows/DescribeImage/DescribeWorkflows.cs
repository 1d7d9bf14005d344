using GlmMcp.Core.Documents;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.DescribeImage;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Tests.Workflows.DescribeImage;

/// <summary>A <see cref="DescribeImageWorkflow"/> wired as the server wires it, on a given reader and Chromium.</summary>
internal static class DescribeWorkflows
{
    public static DescribeImageWorkflow Create(IModelAnswerReader reader, PageRenderer renderer, DocumentOptions? documents = null,
        ImagingOptions? imaging = null)
    {
        var options = Options.Create(documents ?? new DocumentOptions());
        return new DescribeImageWorkflow(new ImageLoader(new ImageDecoder(imaging ?? new ImagingOptions()), new UrlPolicy([])), reader,
            new PdfRasterizer(renderer, options), new VideoSampler(renderer, options), options);
    }
}
