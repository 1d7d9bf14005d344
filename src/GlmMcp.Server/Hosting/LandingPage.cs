using System.Net;
using Microsoft.AspNetCore.Http;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// <c>GET /</c> from a browser (or curl): a short HTML page saying this is an MCP server and where its endpoints are,
/// instead of an MCP transport error. It runs behind <see cref="LoopbackGuardMiddleware"/>, so the same Host, Origin
/// and token checks apply. A request that asks for an event stream at <c>/</c> still reaches the MCP transport.
/// </summary>
public sealed class LandingPage(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path != "/" || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) ||
            request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            await next(context);
            return;
        }
        // The Host header got past the guard (loopback or the configured host); encoded all the same.
        var origin = WebUtility.HtmlEncode($"{request.Scheme}://{request.Host}");
        var example = WebUtility.HtmlEncode(
            "{\"servers\": {\"glm-mcp\": {\"type\": \"http\", \"url\": \"" + $"{request.Scheme}://{request.Host}{HttpHost.StreamablePath}" + "\"}}}");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsHead(request.Method))
            return;
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>glm-mcp {McpServerRegistration.Version}</title></head>
            <body>
            <h1>glm-mcp {McpServerRegistration.Version}</h1>
            <p>This is an MCP server (vision tools for coding agents), not a web site. Point an MCP client at one of its endpoints:</p>
            <ul>
            <li>Streamable HTTP: <code>{origin}{HttpHost.StreamablePath}</code></li>
            <li>Legacy SSE: <code>{origin}/sse</code> (messages go to <code>/message</code>)</li>
            </ul>
            <p>For example, in VS Code's <code>mcp.json</code>: <code>{example}</code></p>
            </body></html>
            """);
    }
}
