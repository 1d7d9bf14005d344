using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using GlmMcp.Core.Rendering;
using GlmMcp.Server.Resources;
using ModelContextProtocol.Server;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// The MCP server itself: identity, instructions, the error filter, and handlers that serve this assembly's tools,
/// prompts and session resources from <see cref="McpPrimitiveCatalog"/> (built while <c>initialize</c> is answered).
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
                filters.AddCallToolFilter(CallerScopeFilter.Create);
                filters.AddCallToolFilter(CallerRootsFilter.Create);
                filters.AddListResourcesFilter(CallerRootsFilter.Create);
                filters.AddReadResourceFilter(CallerRootsFilter.Create);
            })
            .WithMessageFilters(filters => filters.AddIncomingFilter(WarmUpAfterFirstAnswer));
    }

    /// <summary>
    /// Once a message has been handled (its answer is sent), starts building the tool catalog and then, with
    /// <c>Rendering:Prelaunch</c>, Chromium: after the first answer (<c>initialize</c>, or <c>server/discover</c> on
    /// newer protocol versions) the client is about to list the tools, then call them. Chromium waits for the catalog
    /// because its launch would slow the <c>tools/list</c> answer on a small machine. This runs once per catalog.
    /// </summary>
    private static McpMessageHandler WarmUpAfterFirstAnswer(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        await next(context, cancellationToken);
        // Every later message costs one lookup and a flag check.
        if (context.Services?.GetRequiredService<McpPrimitiveCatalog>() is { } catalog && catalog.ClaimWarmUp())
        {
            var renderer = context.Services.GetRequiredService<PageRenderer>();
            _ = catalog.StartBuilding()
                .ContinueWith(_ => renderer.Prelaunch(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    };

    private static McpPrimitiveCatalog Catalog(MessageContext request) => request.Services!.GetRequiredService<McpPrimitiveCatalog>();
}
