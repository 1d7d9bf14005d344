using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using GlmMcp.Core.Rendering;
using GlmMcp.Server.Resources;
using ModelContextProtocol.Server;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// The MCP server itself: identity, instructions, the error filter, and handlers that serve this assembly's tools,
/// prompts and session resources from <see cref="McpPrimitiveCatalog"/> (lists from its snapshot, the rest built after the first list).
/// </summary>
public static class McpServerRegistration
{
    public const string ServerName = "glm-mcp";

    public static string Version { get; } =
        typeof(McpServerRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IMcpServerBuilder AddGlmMcpServer(this IServiceCollection services)
    {
        services.AddSingleton<McpPrimitiveCatalog>();
        return services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = ServerName, Title = "GLM MCP", Version = Version };
                options.ServerInstructions =
                    "Vision tools for coding agents on GLM-4.6V: screenshot_to_code turns a screenshot into a page and refines it by " +
                    "rendering and comparing; locate_and_edit changes only the element under a marked region; visual_diff compares " +
                    "two images pixel-exactly and lists changed regions; describe_image answers questions about an image (describe, " +
                    "OCR, locate); render_page screenshots HTML in Chromium. Image arguments take a file path, an http(s) URL on " +
                    "loopback, a data: URI or raw base64. Files must be under the client's roots (or the server's working directory).";
            })
            .WithListToolsHandler((request, _) => Catalog(request).ListToolsAsync())
            .WithCallToolHandler((request, ct) => Catalog(request).CallToolAsync(request, ct))
            .WithListPromptsHandler((request, _) => Catalog(request).ListPromptsAsync())
            .WithGetPromptHandler((request, ct) => Catalog(request).GetPromptAsync(request, ct))
            .WithListResourceTemplatesHandler((request, _) => Catalog(request).ListResourceTemplatesAsync())
            .WithReadResourceHandler((request, ct) => Catalog(request).ReadResourceAsync(request, ct))
            .WithListResourcesHandler(SessionResources.ListAsync)
            .WithRequestFilters(filters =>
            {
                filters.AddCallToolFilter(ToolErrorFilter.Create);
                filters.AddCallToolFilter(InlineArgumentsFilter.Create);
                filters.AddCallToolFilter(CallerScopeFilter.Create);
                filters.AddCallToolFilter(CallerRootsFilter.Create);
                filters.AddListResourcesFilter(CallerRootsFilter.Create);
                filters.AddReadResourceFilter(CallerRootsFilter.Create);
            })
            .WithMessageFilters(filters => filters.AddIncomingFilter(WarmUpAfterFirstAnswer));
    }

    /// <summary>A client lists the tools right after <c>initialize</c>; one that does not gets the warm-up this long after it.</summary>
    private static readonly TimeSpan WarmUpAfterInitialize = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Once a request other than <c>initialize</c> has been answered (the client's <c>tools/list</c>, answered from the
    /// snapshot), or <see cref="WarmUpAfterInitialize"/> after the <c>initialize</c> answer, starts building the tool
    /// catalog and then, with <c>Rendering:Prelaunch</c>, Chromium: the client is about to call the tools. Building while
    /// the first list is answered would slow that answer (both fight over the JIT and the type loader), and Chromium
    /// waits for the catalog because its launch would slow the catalog on a small machine. This runs once per catalog.
    /// </summary>
    private static McpMessageHandler WarmUpAfterFirstAnswer(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        await next(context, cancellationToken);
        // Every later request costs two lookups and a flag check.
        if (context.JsonRpcMessage is not JsonRpcRequest request || context.Services?.GetRequiredService<McpPrimitiveCatalog>() is not { } catalog)
            return;
        var renderer = context.Services.GetRequiredService<PageRenderer>();
        if (request.Method == RequestMethods.Initialize)
            _ = Task.Delay(WarmUpAfterInitialize, CancellationToken.None).ContinueWith(_ => WarmUp(catalog, renderer), TaskScheduler.Default);
        else
            WarmUp(catalog, renderer);
    };

    private static void WarmUp(McpPrimitiveCatalog catalog, PageRenderer renderer)
    {
        if (catalog.ClaimWarmUp())
            _ = catalog.StartBuilding().ContinueWith(_ => renderer.Prelaunch(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private static McpPrimitiveCatalog Catalog(MessageContext request) => request.Services!.GetRequiredService<McpPrimitiveCatalog>();
}
