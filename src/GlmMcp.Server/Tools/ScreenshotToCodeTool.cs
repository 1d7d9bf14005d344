using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Sessions;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using GlmMcp.Server.Workflows;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>screenshot_to_code</c>: a thin adapter over <see cref="ScreenshotToCodeWorkflow"/>.</summary>
[McpServerToolType]
public sealed class ScreenshotToCodeTool(ScreenshotToCodeWorkflow workflow, ImageLoader images, SessionStore sessions, IChatClientProvider engines, RootsResolver roots,
    IOptions<ImagingOptions> imaging)
{
    [McpServerTool(Name = "screenshot_to_code", Title = "Screenshot to code", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ScreenshotToCodeToolResult))]
    [UsesModel]
    [Description("Turn a screenshot or design into a web page (HTML, Tailwind, a React or a Vue component), checked by eye: the model writes the page, the server renders " +
                 "it in Chromium, scores it against the image (layout score 0–100) and has the model refine it for up to max_rounds. " +
                 "Returns the best version's code and render, every round's score and a session_id for locate_and_edit and session_undo.")]
    public async Task<CallToolResult> ScreenshotToCodeAsync(
        McpServer server,
        [Description("The screenshot or design " + ArgumentText.ImageSource + "; optional with session_id.")] string? image = null,
        [Description(ArgumentText.Instructions)] string? instructions = null,
        [Description(ArgumentText.Stack)] PageStack stack = PageStack.Html,
        [Description(ArgumentText.ViewportWidth + " Default: image width / device_scale_factor.")][Range(1, RenderRequest.MaxImageEdge)] int? width = null,
        [Description(ArgumentText.ViewportHeight + " Default: image height / device_scale_factor.")][Range(1, RenderRequest.MaxImageEdge)] int? height = null,
        [Description(ArgumentText.DeviceScaleFactor + " Default 1 or the session's.")][Range(RenderRequest.MinDeviceScaleFactor, RenderRequest.MaxDeviceScaleFactor)] double? device_scale_factor = null,
        [Description(ArgumentText.Rounds)][Range(ScreenshotToCodeRequest.MinRounds, ScreenshotToCodeRequest.MaxAllowedRounds)] int max_rounds = ScreenshotToCodeRequest.DefaultRounds,
        [Description(ArgumentText.TargetScore)][Range(0, 100)] double target_score = ScreenshotToCodeRequest.DefaultTargetScore,
        [Description("Also write the best page to this file under the allowed roots (overwrites it).")] string? output_path = null,
        [Description(ArgumentText.OutputDir)] string? output_dir = null,
        [Description("Refine this session's current code against the target.")] string? session_id = null,
        [Description(ArgumentText.MaxImageSide)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var allowed = await roots.GetAsync(server, cancellationToken);
        var output = output_path is null ? null : allowed.ResolveOutputPath(output_path);
        SessionInfo? session = session_id is null ? null : await sessions.GetAsync(session_id, cancellationToken);
        RgbaImage target;
        if (image is not null)
            target = await images.LoadAsync(image, allowed, "image", cancellationToken);
        else if (session is not null && await sessions.ReadTargetAsync(session.Id, cancellationToken) is { } saved)
            target = images.Decoder.Decode(saved, "the session's target");
        else
            throw new UserInputException("'image' is required: give the screenshot or design to reproduce (a path, URL, data: URI or base64).");

        var scale = device_scale_factor ?? session?.DeviceScaleFactor ?? 1;
        if (!(scale is >= 0.1 and <= 4))
            throw new UserInputException($"'device_scale_factor' must be between 0.1 and 4, got {scale}.");
        var stackName = session_id is null ? stack.ToString().ToLowerInvariant() : session!.Stack;
        var project = output_dir is null || !PageStacks.IsKnown(stackName) ? null : PageProject.Resolve(allowed, output_dir, stackName);
        var request = new ScreenshotToCodeRequest(
            target, instructions, stackName,
            width ?? session?.Width ?? Math.Max(1, (int)Math.Round(target.Width / scale)),
            height ?? session?.Height ?? Math.Max(1, (int)Math.Round(target.Height / scale)),
            scale, max_rounds, target_score, output, session?.Id, project);
        request.Validate();

        var sampling = new McpSamplingSource(server);
        var chat = await engines.GetAsync(sampling, null, cancellationToken);
        var result = await workflow.RunAsync(request, chat, progress is null ? null : new WorkflowProgressReporter(progress), cancellationToken);
        return ToToolResult(result, request.Stack, max_image_side);
    }

    private CallToolResult ToToolResult(ScreenshotToCodeResult result, string stack, int? maxImageSide)
    {
        var codeUri = result.Code is not null && result.SessionId is { } id && result.Version is { } version ? SessionUris.Code(id, version) : null;
        var render = result.Code is not null && result.RenderPng is { } png ? ReturnedImages.Fit(png, "image/png", maxImageSide, imaging.Value) : ((ImageContentBlock Block, ReturnedImage Size)?)null;
        var structured = ToolResults.Structured(new ScreenshotToCodeToolResult(
            result.SessionId, result.Version, codeUri, result.BestRound, result.Score,
            [.. result.Rounds.Select(r => new ScreenshotToCodeRound(r.Round, r.Kind, r.Score?.Total, r.DiffPercent, r.Regions, r.Note))],
            result.WrittenPath, result.Cancelled, result.Code is null ? result.NoCodeReason : null, render?.Size, result.WrittenFiles));
        if (result.Code is null)
            return ToolResults.Create(structured, [new TextContentBlock { Text = result.NoCodeReason! }, ToolResults.Text(structured)]);
        var content = new List<ContentBlock> { ToolResults.Text(structured) };
        content.Add(codeUri is not null
            ? new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = codeUri, MimeType = PageStacks.MediaType(stack), Text = result.Code } }
            : new TextContentBlock { Text = result.Code });
        if (render is { } image)
            content.Add(image.Block);
        return ToolResults.Create(structured, content);
    }
}
