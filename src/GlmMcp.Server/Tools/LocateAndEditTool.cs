using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Workflows.LocateAndEdit;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using GlmMcp.Server.Workflows;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>locate_and_edit</c>: a thin adapter over <see cref="LocateAndEditWorkflow"/>.</summary>
[McpServerToolType]
public sealed class LocateAndEditTool(LocateAndEditWorkflow workflow, ImageLoader images, IChatClientProvider engines, RootsResolver roots,
    IOptions<ImagingOptions> imaging)
{
    [McpServerTool(Name = "locate_and_edit", Title = "Locate and edit", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(LocateAndEditToolResult))]
    [UsesModel]
    [Description("Edit a page where the user points, e.g. \"move this button left and make it dark blue\". Where: region (pixels of " +
                 "the page's render), annotated_image (a screenshot with a box, ellipse or arrow drawn on it) or target (the element in " +
                 "words). Which code: session_id (from screenshot_to_code), path (an HTML file and its stylesheets) or url (a dev server's page " +
                 "on loopback; the element's source file is edited). Only the marked element's source is " +
                 "rewritten, and the edit is accepted only if the re-render changed inside the mark and nowhere else. Returns a unified " +
                 "diff, before/after renders and the new session version; a file is written only when accepted (and not with dry_run).")]
    public async Task<CallToolResult> LocateAndEditAsync(
        McpServer server,
        [Description("What to change, e.g. \"make it dark blue\".")] string instruction,
        [Description("Where: a rectangle in pixels of the page's render.")] RegionArgument? region = null,
        [Description("Where: the page's screenshot, same size as the render, with a mark drawn in a strong colour " + ArgumentText.ImageSource + ".")] string? annotated_image = null,
        [Description("Where: the element in words, e.g. \"the Subscribe button\".")] string? target = null,
        [Description("Which code: a session from screenshot_to_code or an earlier edit.")] string? session_id = null,
        [Description("Which code: an HTML file under the allowed roots (with the stylesheets it links; they may be edited too).")] string? path = null,
        [Description("Which code: a page of your dev server on loopback (e.g. http://localhost:5173/, a Vite React or Vue app); the element's " +
                     "source file under the allowed roots is edited.")] string? url = null,
        [Description("Report the diff and renders, save nothing.")] bool dry_run = false,
        [Description(ArgumentText.ViewportWidth + " For a file; a session keeps its own.")][Range(1, RenderRequest.MaxImageEdge)] int width = LocateAndEditRequest.DefaultWidth,
        [Description(ArgumentText.ViewportHeight)][Range(1, RenderRequest.MaxImageEdge)] int height = LocateAndEditRequest.DefaultHeight,
        [Description(ArgumentText.DeviceScaleFactor)][Range(RenderRequest.MinDeviceScaleFactor, RenderRequest.MaxDeviceScaleFactor)] double device_scale_factor = 1,
        [Description(ArgumentText.MaxImageSide)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var allowed = await roots.GetAsync(server, cancellationToken);
        var file = path is null ? null : allowed.ResolveExistingFile(path);
        var annotated = annotated_image is null ? null : await images.LoadAsync(annotated_image, allowed, "annotated_image", cancellationToken);
        var request = new LocateAndEditRequest(instruction, region?.ToPixelRect(), annotated, target, session_id, file, dry_run, width, height, device_scale_factor, allowed, url);
        request.Validate();

        var chat = await engines.GetAsync(new McpSamplingSource(server), null, cancellationToken);
        var result = await workflow.RunAsync(request, chat, progress is null ? null : new WorkflowProgressReporter(progress), cancellationToken);
        return ToToolResult(result, max_image_side);
    }

    private static string Headline(LocateAndEditResult result)
    {
        if (!result.Accepted)
            return $"Edit not accepted: {result.Reason}";
        return result.ParentVersion == result.BasedOnVersion
            ? "Edit accepted."
            : $"Edit accepted: made on version {result.BasedOnVersion} and re-applied onto version {result.ParentVersion}, which became current meanwhile; " +
              $"the new version is {result.Version}.";
    }

    private CallToolResult ToToolResult(LocateAndEditResult result, int? maxImageSide)
    {
        var before = ReturnedImages.Fit(result.BeforePng, "image/png", maxImageSide, imaging.Value);
        var after = result.AfterPng is { } png ? ReturnedImages.Fit(png, "image/png", maxImageSide, imaging.Value) : ((ImageContentBlock Block, ReturnedImage Size)?)null;
        var structured = ToolResults.Structured(new LocateAndEditToolResult(
            result.Accepted, result.Reason, result.Located, RegionArgument.From(result.Region), result.ElementTag,
            result.ChangedInside, result.ChangedOutside, result.ChangedRegions, result.Attempts,
            result.SessionId, result.BasedOnVersion, result.ParentVersion, result.Version, result.WrittenPath, before.Size, after?.Size,
            result.Rules, result.Files, result.Source));
        var content = new List<ContentBlock> { new TextContentBlock { Text = Headline(result) }, ToolResults.Text(structured) };
        if (result.UnifiedDiff.Length > 0)
            content.Add(new TextContentBlock { Text = result.UnifiedDiff });
        content.Add(before.Block);
        if (after is { } shown)
            content.Add(shown.Block);
        return ToolResults.Create(structured, content);
    }
}
