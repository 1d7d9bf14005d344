using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.VisualDiffExplain;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>visual_diff</c>: a thin adapter over <see cref="VisualDiffer"/>.</summary>
[McpServerToolType]
public sealed class VisualDiffTool(VisualDiffer differ, RootsResolver roots, ImageLoader images, IChatClientProvider engines, IModelAnswerReader answers,
    IOptions<ImagingOptions> imaging)
{
    private const string ImageArgument = "A file path (under the allowed roots), an http(s) URL on loopback, a data: URI or raw base64 (PNG, JPEG, WebP, GIF, BMP).";

    // Parameter names are the tool's snake_case argument names, which the SDK takes verbatim.
    [McpServerTool(Name = "visual_diff", Title = "Visual diff", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(VisualDiffToolResult))]
    [Description("Compare two images pixel by pixel (pixelmatch 7.2 metric: YIQ colour delta, anti-aliasing aware). Returns how many " +
                 "pixels changed, the changed regions as boxes (largest first, top 50, plus the total count) and a diff picture " +
                 "(overlay: before faded grey, changes red, anti-aliasing yellow, regions boxed blue; or mask). Use it after an edit to see " +
                 "whether anything else moved.")]
    public async Task<CallToolResult> VisualDiffAsync(
        McpServer server,
        [Description("The reference image. " + ImageArgument)] string before,
        [Description("The image to check against it. " + ImageArgument)] string after,
        [Description("Colour tolerance; lower is stricter.")][Range(0, 1)] double threshold = VisualDiffOptions.DefaultThreshold,
        [Description("Count anti-aliased pixels as changes (by default they are reported apart as aaPixels).")] bool include_antialiasing = false,
        [Description("Rectangles {x,y,width,height} (before's pixels) to leave out, e.g. a clock or an animation.")] RegionArgument[]? ignore_regions = null,
        [Description("When sizes differ: fail, pad (compare over both; the extra area counts as changed) or resize (scale after to before's size).")] SizeMismatchMode size_mismatch = SizeMismatchMode.Fail,
        [Description("Picture to return.")] DiffImageKind diff_image = DiffImageKind.Overlay,
        [Description("Also write the diff picture (PNG) to this path under the allowed roots.")] string? output_path = null,
        [Description("Changed pixels at most this many pixels apart form one region.")][Range(0, VisualDiffOptions.MaxMergeDistance)] int merge_distance = VisualDiffOptions.DefaultMergeDistance,
        [Description("Also ask the model (needs an engine) what changed, region by region, each with a severity: CRITICAL, HIGH, MEDIUM or LOW.")] bool explain = false,
        [Description(ReturnedImages.MaxSideDescription)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        CancellationToken cancellationToken = default)
    {
        var picture = diff_image;
        var options = new VisualDiffOptions
        {
            Threshold = threshold,
            IncludeAntialiasing = include_antialiasing,
            IgnoreRegions = (ignore_regions ?? []).Select(r => r.ToPixelRect()).ToArray(),
            SizeMismatch = size_mismatch,
            DiffImage = picture,
            MergeDistance = merge_distance,
        };
        options.Validate();
        var allowed = await roots.GetAsync(server, cancellationToken);
        var outputFile = output_path is null ? null : allowed.ResolveOutputPath(output_path);
        if ((outputFile is not null || explain) && picture == DiffImageKind.None)
            options = options with { DiffImage = DiffImageKind.Overlay };

        var result = await differ.DiffAsync(before, after, allowed, options, cancellationToken);
        if (outputFile is not null && result.DiffPng is { } png)
            await VerifiedFile.WriteAsync(outputFile, png, "output_path", cancellationToken);

        // Identical images have nothing to show: the picture would only cost the client tokens.
        var returned = result.DiffPng is { } diffPng && picture != DiffImageKind.None && !result.Identical
            ? ReturnedImages.Fit(diffPng, "image/png", max_image_side, imaging.Value)
            : ((ImageContentBlock Block, ReturnedImage Size)?)null;
        var structured = ToolResults.Structured(VisualDiffToolResult.From(result, returned?.Size, outputFile));
        var content = new List<ContentBlock> { ToolResults.Text(structured) };
        if (returned is { } image)
            content.Add(image.Block);
        if (explain)
            content.Add(new TextContentBlock { Text = (await ExplainAsync(server, before, after, allowed, result, cancellationToken)).ToText() });
        return ToolResults.Create(structured, content);
    }

    /// <summary>The model sees both images (as PNG, whatever they came as) and the diff picture, and explains the measured regions.</summary>
    private async Task<DiffExplanation> ExplainAsync(McpServer server, string before, string after, AllowedRoots allowed, VisualDiffResult result, CancellationToken cancellationToken)
    {
        var chat = await engines.GetAsync(new McpSamplingSource(server), null, cancellationToken);
        var beforePng = ImageEncoder.EncodePng(await images.LoadAsync(before, allowed, "before", cancellationToken));
        var afterPng = ImageEncoder.EncodePng(await images.LoadAsync(after, allowed, "after", cancellationToken));
        return await VisualDiffExplainer.ExplainAsync(chat, beforePng, afterPng, result, answers.VisibleText, cancellationToken);
    }
}
