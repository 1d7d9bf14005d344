using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using GlmMcp.Core;
using GlmMcp.Core.Documents;
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
    [Description("Ask GLM-4.6V about an image, a PDF or a video (WebM, MP4): describe it or answer prompt (mode describe), transcribe " +
                 "its text (ocr), or find things in it (locate: boxes in pixels, drawn on the returned image). PDFs: choose 'pages'; the " +
                 "answer cites pages, ocr and locate answer per page. Videos: frames at 'fps' or 'max_frames' between 'start' and 'end'; " +
                 "the answer cites times (02:31). The token cost is estimated first and reported; requests beyond the model's context are refused.")]
    public async Task<CallToolResult> DescribeImageAsync(
        McpServer server,
        [Description("The image, PDF or video " + ArgumentText.ImageSource + ".")] string image,
        [Description("describe: the question (default: a thorough description); ocr: extra instructions; locate: what to find, e.g. \"the Save button\".")] string? prompt = null,
        [Description("describe, ocr (transcribe text) or locate (boxes).")] DescribeMode mode = DescribeMode.Describe,
        [Description("Answer token budget (default: the engine's).")][Range(1, DescribeImageWorkflow.MaxTokensCeiling)] int? max_tokens = null,
        [Description("Let the model think first (slower, often better); default: the engine's.")] bool? thinking = null,
        [Description(ArgumentText.MaxImageSide)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        [Description("PDF: pages to read, e.g. \"1-5,9\" (default: all, up to the page limit).")] string? pages = null,
        [Description("Video: frames per second to take (default: one a second, at most 32 frames).")][Range(0.001, FrameTimes.MaxFps)] double? fps = null,
        [Description("Video: the most frames to take, spread evenly over the range.")][Range(1, DocumentOptions.MaxFramesCeiling)] int? max_frames = null,
        [Description("Video: where to start, in seconds.")][Range(0d, 360000d)] double? start = null,
        [Description("Video: where to stop, in seconds (default: the end).")][Range(0d, 360000d)] double? end = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var request = new DescribeImageRequest(image, prompt, mode, max_tokens, thinking, pages, fps, max_frames, start, end);
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
        var summary = new StringBuilder().Append(CultureInfo.InvariantCulture, $"engine: {result.Engine}\n");
        if (result.Kind == MediaKind.Image)
            summary.Append(CultureInfo.InvariantCulture, $"image: {result.Width}x{result.Height}, {result.ImageTokens} image tokens (GLM-4.6V grid)");
        else
            summary.Append(PartsLine(result));
        var cost = result.Estimate;
        summary.Append(CultureInfo.InvariantCulture,
            $"\nestimated cost: {cost.Requests} request{(cost.Requests == 1 ? "" : "s")}, {cost.ImageTokens:N0} image + {cost.PromptTokens:N0} prompt tokens; " +
            $"largest request {cost.LargestRequestTokens:N0} of {cost.ContextTokens:N0} with its {cost.AnswerTokens:N0}-token answer budget");
        if (result.OutputTokens is { } used)
            summary.Append(CultureInfo.InvariantCulture, $"\nanswer tokens: {used}");

        List<ContentBlock> images = [];
        ReturnedImage? Returned(byte[]? png, string label)
        {
            if (png is null)
                return null;
            var (block, size) = ReturnedImages.Fit(png, "image/png", maxImageSide, imaging.Value, ourEncoding: true);
            images.Add(block);
            summary.Append(CultureInfo.InvariantCulture, $"\nboxes drawn on {label} below: {ReturnedImages.Describe(size)}");
            return size;
        }
        if (result.Mode == DescribeMode.Locate)
        {
            if (result.Kind == MediaKind.Image)
                AppendBoxes(summary, "", result.Boxes, result.RejectedBoxes);
            foreach (var part in result.Parts)
                AppendBoxes(summary, part.Image.Label + " ", part.Boxes, part.RejectedBoxes);
        }
        var annotated = Returned(result.AnnotatedPng, "the image");
        var parts = result.Parts.Select(p => (Part: p, Annotated: Returned(p.AnnotatedPng, p.Image.Label))).ToList();

        List<ContentBlock> content =
        [
            new TextContentBlock { Text = result.Answer },
            new TextContentBlock { Text = summary.ToString() },
            .. images,
        ];
        var structured = ToolResults.Structured(new DescribeImageToolResult(
            result.Answer, result.Mode.ToString().ToLowerInvariant(), result.Engine, result.Kind.ToString().ToLowerInvariant(),
            result.Kind == MediaKind.Image ? new DescribedImage(result.Width, result.Height, result.ImageTokens) : null,
            Found(result.Boxes), result.RejectedBoxes, result.OutputTokens, annotated,
            new TokenCost(cost.Requests, cost.ImageTokens, cost.PromptTokens, cost.AnswerTokens, cost.LargestRequestTokens, cost.ContextTokens),
            result.PageCount,
            result.Kind == MediaKind.Pdf
                ? [.. parts.Select(p => new DescribedPage(p.Part.Image.Page!.Value, p.Part.Image.Width, p.Part.Image.Height, p.Part.Image.Tokens,
                    p.Part.Answer, Found(p.Part.Boxes), p.Part.RejectedBoxes, p.Annotated))]
                : null,
            result.DurationSeconds,
            result.Kind == MediaKind.Video
                ? [.. parts.Select(p => new DescribedFrame(Math.Round(p.Part.Image.Seconds!.Value, 3), p.Part.Image.Label, p.Part.Image.Width,
                    p.Part.Image.Height, p.Part.Image.Tokens, p.Part.Answer, Found(p.Part.Boxes), p.Part.RejectedBoxes, p.Annotated))]
                : null,
            result.FrameSource?.ToString().ToLowerInvariant()));
        return ToolResults.Create(structured, content);
    }

    private static string PartsLine(DescribeImageResult result)
    {
        var first = result.Parts[0].Image;
        var each = result.Parts.All(p => p.Image.Width == first.Width && p.Image.Height == first.Height)
            ? $"{first.Width}x{first.Height} px, {first.Tokens:N0} image tokens each"
            : $"{result.ImageTokens:N0} image tokens in all";
        return result.Kind == MediaKind.Pdf
            ? string.Create(CultureInfo.InvariantCulture,
                $"pdf: {result.Parts.Count} of {result.PageCount} pages ({string.Join(", ", result.Parts.Select(p => p.Image.Page))}), {each} (GLM-4.6V grid)")
            : string.Create(CultureInfo.InvariantCulture,
                $"video: {Timestamp.Format(result.DurationSeconds ?? 0)} long, {result.Parts.Count} frames at {string.Join(", ", result.Parts.Select(p => p.Image.Label))}, {each} (GLM-4.6V grid), taken by {result.FrameSource?.ToString().ToLowerInvariant()}");
    }

    private static void AppendBoxes(StringBuilder summary, string where, IReadOnlyList<LocatedBox> boxes, IReadOnlyList<string> rejected)
    {
        summary.Append(boxes.Count == 0 ? $"\n{where}boxes: none found" : $"\n{where}boxes (pixels: x, y, width, height):");
        for (var i = 0; i < boxes.Count; i++)
        {
            var b = boxes[i].Box;
            summary.Append(CultureInfo.InvariantCulture, $"\n  {i + 1}: {b.X}, {b.Y}, {b.Width}, {b.Height}{(boxes[i].IsPoint ? " (point)" : "")}");
        }
        foreach (var note in rejected)
            summary.Append(CultureInfo.InvariantCulture, $"\n  not a box: {note}");
    }

    private static FoundBox[] Found(IReadOnlyList<LocatedBox> boxes) =>
        [.. boxes.Select(b => new FoundBox(b.Box.X, b.Box.Y, b.Box.Width, b.Box.Height, b.IsPoint, b.Normalized))];
}
