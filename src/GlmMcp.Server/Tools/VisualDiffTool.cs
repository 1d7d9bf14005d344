using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Workflows.VisualDiffExplain;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>visual_diff</c>: a thin adapter over <see cref="VisualDiffExplainWorkflow"/>.</summary>
[McpServerToolType]
public sealed class VisualDiffTool(VisualDiffExplainWorkflow workflow, RootsResolver roots, IChatClientProvider engines, IOptions<ImagingOptions> imaging)
{
    // Parameter names are the tool's snake_case argument names, which the SDK takes verbatim.
    [McpServerTool(Name = "visual_diff", Title = "Visual diff", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(VisualDiffToolResult))]
    [UsesModel]
    [Description("Compare two images pixel by pixel (pixelmatch metric, anti-aliasing aware): changed pixels, changed regions as boxes " +
                 "(largest first) and a diff picture. Use it after an edit to check that nothing else moved.")]
    public async Task<CallToolResult> VisualDiffAsync(
        McpServer server,
        [Description(ArgumentText.Before)] string before,
        [Description(ArgumentText.After)] string after,
        [Description(ArgumentText.Threshold)][Range(0, 1)] double threshold = VisualDiffOptions.DefaultThreshold,
        [Description(ArgumentText.IncludeAntialiasing)] bool include_antialiasing = false,
        [Description("Rectangles (before's pixels) to leave out, e.g. a clock.")] RegionArgument[]? ignore_regions = null,
        [Description(ArgumentText.SizeMismatch)] SizeMismatchMode size_mismatch = SizeMismatchMode.Fail,
        [Description("Picture to return: overlay (before in grey, changes red, regions boxed blue), mask or none.")] DiffImageKind diff_image = DiffImageKind.Overlay,
        [Description("Also write the full-size diff picture (PNG) here, under the allowed roots.")] string? output_path = null,
        [Description(ArgumentText.MergeDistance)][Range(0, VisualDiffOptions.MaxMergeDistance)] int merge_distance = VisualDiffOptions.DefaultMergeDistance,
        [Description("Also have the model explain each region with a severity (CRITICAL, HIGH, MEDIUM, LOW).")] bool explain = false,
        [Description(ArgumentText.MaxImageSide)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        CancellationToken cancellationToken = default)
    {
        var options = new VisualDiffOptions
        {
            Threshold = threshold,
            IncludeAntialiasing = include_antialiasing,
            IgnoreRegions = (ignore_regions ?? []).Select(r => r.ToPixelRect()).ToArray(),
            SizeMismatch = size_mismatch,
            DiffImage = diff_image,
            MergeDistance = merge_distance,
            ReturnedImageSide = max_image_side ?? imaging.Value.MaxReturnedImageSide,
            // The workflow asks for the full-size PNG itself when it writes output_path or shows the model the picture.
            FullSizePng = false,
        };
        options.Validate();
        var allowed = await roots.GetAsync(server, cancellationToken);
        var outputFile = output_path is null ? null : allowed.ResolveOutputPath(output_path);
        var chat = explain ? await engines.GetAsync(new McpSamplingSource(server), null, cancellationToken) : null;

        var result = await workflow.RunAsync(new VisualDiffExplainRequest(before, after, options, outputFile), allowed, chat, cancellationToken);

        // Identical images have nothing to show: the picture would only cost the client tokens.
        var diff = result.Diff;
        // The differ draws the returned picture down itself, so no changed pixel is averaged away and nothing is decoded again.
        var returned = diff_image == DiffImageKind.None || diff.Identical ? ((ImageContentBlock Block, ReturnedImage Size)?)null
            : diff.ReturnedDiff is { } drawn ? ReturnedImages.From(drawn)
            : diff.DiffPng is { } png ? ReturnedImages.Fit(png, "image/png", max_image_side, imaging.Value, ourEncoding: true)
            : null;
        var structured = ToolResults.Structured(VisualDiffToolResult.From(diff, returned?.Size, result.WrittenPath, result.Explanation));
        var content = new List<ContentBlock> { ToolResults.Text(structured) };
        if (returned is { } image)
            content.Add(image.Block);
        if (result.Explanation is { } explanation)
            content.Add(new TextContentBlock { Text = explanation.ToText() });
        return ToolResults.Create(structured, content);
    }
}
