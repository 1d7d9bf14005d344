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
    [Description("Screenshot a web page in headless Chromium: HTML text, an HTML file under the allowed roots, or a loopback URL (a " +
                 "local dev server). Rendering is offline: anything else the page loads is blocked and listed. Give exactly one of html, path, url.")]
    public async Task<CallToolResult> RenderPageAsync(
        McpServer server,
        [Description("HTML text (inline CSS/JS and data: URIs load).")] string? html = null,
        [Description("An HTML file under the allowed roots (relative CSS, JS and images load).")] string? path = null,
        [Description("An http(s) URL on loopback or an allow-listed host.")] string? url = null,
        [Description(ArgumentText.ViewportWidth)][Range(1, RenderRequest.MaxImageEdge)] int width = 1280,
        [Description(ArgumentText.ViewportHeight)][Range(1, RenderRequest.MaxImageEdge)] int height = 800,
        [Description(ArgumentText.FullPage)] bool full_page = false,
        [Description(ArgumentText.DeviceScaleFactor)][Range(RenderRequest.MinDeviceScaleFactor, RenderRequest.MaxDeviceScaleFactor)] double device_scale_factor = 1,
        [Description(ArgumentText.WaitForMs)][Range(0, RenderRequest.MaxWaitForMs)] int wait_for_ms = 0,
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
