using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>describe_image</c>: a thin adapter over <see cref="DescribeImageWorkflow"/>.</summary>
[McpServerToolType]
public sealed class DescribeImageTool(DescribeImageWorkflow workflow, IChatClientProvider engines, RootsResolver roots, IOptions<ImagingOptions> imaging)
{
    /// <summary>Progress is reported in percent while model files download.</summary>
    private const double Percent = 100;

    [McpServerTool(Name = "describe_image", Title = "Describe an image", ReadOnly = true, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(DescribeImageToolResult))]
    [UsesModel]
    [Description("Ask GLM-4.6V about an image: describe it or answer prompt (mode describe), transcribe its text (ocr), or find things " +
                 "in it (locate: boxes in pixels, drawn on the returned image). Use it to see an image you cannot look at yourself.")]
    public async Task<CallToolResult> DescribeImageAsync(
        McpServer server,
        [Description("The image " + ArgumentText.ImageSource + ".")] string image,
        [Description("describe: the question (default: a thorough description); ocr: extra instructions; locate: what to find, e.g. \"the Save button\".")] string? prompt = null,
        [Description("describe, ocr (transcribe text) or locate (boxes).")] DescribeMode mode = DescribeMode.Describe,
        [Description("Answer token budget (default: the engine's).")][Range(1, DescribeImageWorkflow.MaxTokensCeiling)] int? max_tokens = null,
        [Description("Let the model think first (slower, often better); default: the engine's.")] bool? thinking = null,
        [Description(ArgumentText.MaxImageSide)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var request = new DescribeImageRequest(image, prompt, mode, max_tokens, thinking);
        var allowed = await roots.GetAsync(server, cancellationToken);
        var sampling = new McpSamplingSource(server);
        var download = progress is null ? null : new SynchronousProgress<double>(fraction => progress.Report(new ProgressNotificationValue
        {
            Progress = (float)(fraction * Percent), Total = (float)Percent, Message = "downloading the model files",
        }));
        var client = await engines.GetAsync(sampling, download, cancellationToken);
        var steps = progress is null ? null : new SynchronousProgress<DescribeImageProgress>(p => progress.Report(new ProgressNotificationValue
        {
            Progress = (float)p.Progress, Total = p.Total is { } total ? (float)total : null, Message = p.Message,
        }));
        var result = await workflow.RunAsync(request, client, engines.Describe(sampling), allowed, steps, cancellationToken);
        return ToToolResult(result, max_image_side);
    }

    private CallToolResult ToToolResult(DescribeImageResult result, int? maxImageSide)
    {
        var summary = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"engine: {result.Engine}\n")
            .Append(CultureInfo.InvariantCulture, $"image: {result.Width}x{result.Height}, {result.ImageTokens} image tokens (GLM-4.6V grid)");
        if (result.OutputTokens is { } used)
            summary.Append(CultureInfo.InvariantCulture, $"\nanswer tokens: {used}");
        if (result.Mode == DescribeMode.Locate)
        {
            summary.Append(result.Boxes.Count == 0 ? "\nboxes: none found" : "\nboxes (pixels: x, y, width, height):");
            for (var i = 0; i < result.Boxes.Count; i++)
            {
                var b = result.Boxes[i].Box;
                summary.Append(CultureInfo.InvariantCulture, $"\n  {i + 1}: {b.X}, {b.Y}, {b.Width}, {b.Height}{(result.Boxes[i].IsPoint ? " (point)" : "")}");
            }
            foreach (var note in result.RejectedBoxes)
                summary.Append(CultureInfo.InvariantCulture, $"\n  not a box: {note}");
        }

        var annotated = result.AnnotatedPng is { } png ? ReturnedImages.Fit(png, "image/png", maxImageSide, imaging.Value) : ((ImageContentBlock Block, ReturnedImage Size)?)null;
        if (annotated is { } shown)
            summary.Append(CultureInfo.InvariantCulture, $"\nboxes drawn on the image below: {ReturnedImages.Describe(shown.Size)}");
        List<ContentBlock> content =
        [
            new TextContentBlock { Text = result.Answer },
            new TextContentBlock { Text = summary.ToString() },
        ];
        if (annotated is { } image)
            content.Add(image.Block);
        var structured = ToolResults.Structured(new DescribeImageToolResult(
            result.Answer, result.Mode.ToString().ToLowerInvariant(), result.Engine,
            new DescribedImage(result.Width, result.Height, result.ImageTokens),
            [.. result.Boxes.Select(b => new FoundBox(b.Box.X, b.Box.Y, b.Box.Width, b.Box.Height, b.IsPoint, b.Normalized))],
            result.RejectedBoxes, result.OutputTokens, annotated?.Size));
        return ToolResults.Create(structured, content);
    }
}
