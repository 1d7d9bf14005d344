using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>render_page</c>: a thin adapter over <see cref="IPageRenderer"/>.</summary>
[McpServerToolType]
public sealed class RenderPageTool(IPageRenderer renderer, RootsResolver roots, IOptions<ImagingOptions> imaging)
{
    // Parameter names are the tool's snake_case argument names, which the SDK takes verbatim.
    [McpServerTool(Name = "render_page", Title = "Render page", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RenderPageResult))]
    [Description("Screenshot a web page in headless Chromium: HTML text, an HTML file under the allowed roots, or a loopback URL " +
                 "(a local dev server). Returns the image plus JSON {width, height, elapsedMs, blockedRequests, consoleErrors}. " +
                 "Rendering is offline: HTML text may load only data:/blob: resources, a file only files under the roots, a URL only " +
                 "loopback hosts; everything else is blocked and listed. Give exactly one of html, path, url.")]
    public async Task<CallToolResult> RenderPageAsync(
        McpServer server,
        [Description("HTML text to render (inline CSS/JS and data: URIs load; nothing from the network).")] string? html = null,
        [Description("An HTML file under the allowed roots; relative CSS, JS and images under the roots load.")] string? path = null,
        [Description("An http(s) URL on loopback (localhost, 127.0.0.1, [::1]) or an allow-listed host.")] string? url = null,
        [Description("Viewport width in CSS pixels.")][Range(1, RenderRequest.MaxImageEdge)] int width = 1280,
        [Description("Viewport height in CSS pixels.")][Range(1, RenderRequest.MaxImageEdge)] int height = 800,
        [Description("Capture the whole scrollable page instead of the viewport.")] bool full_page = false,
        [Description("Device pixels per CSS pixel (2 for a retina screenshot).")][Range(RenderRequest.MinDeviceScaleFactor, RenderRequest.MaxDeviceScaleFactor)] double device_scale_factor = 1,
        [Description("Extra milliseconds to wait after the load event (animations, late scripts).")][Range(0, RenderRequest.MaxWaitForMs)] int wait_for_ms = 0,
        [Description("Image format.")] RenderFormat format = RenderFormat.Png,
        [Description(ArgumentText.MaxImageSide)][Range(0, RenderRequest.MaxImageEdge)] int? max_image_side = null,
        CancellationToken cancellationToken = default)
    {
        var request = new RenderRequest
        {
            Html = html,
            FilePath = path,
            Url = url,
            Width = width,
            Height = height,
            FullPage = full_page,
            DeviceScaleFactor = device_scale_factor,
            WaitForMs = wait_for_ms,
            Format = format,
            // Asking the client for its roots costs a round trip; only a file render needs them.
            Roots = path is null ? null : await roots.GetAsync(server, cancellationToken),
        };
        var result = await renderer.RenderAsync(request, cancellationToken);
        var (image, size) = ReturnedImages.Fit(result.Image, result.MimeType, max_image_side, imaging.Value);
        var structured = ToolResults.Structured(RenderPageResult.From(result, size));
        return ToolResults.Create(structured, [image, ToolResults.Text(structured)]);
    }
}
