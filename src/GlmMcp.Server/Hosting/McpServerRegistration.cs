using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>The MCP server itself: identity, the tools in this assembly, and the error filter.</summary>
public static class McpServerRegistration
{
    public const string ServerName = "glm-mcp";

    public static string Version { get; } =
        typeof(McpServerRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IMcpServerBuilder AddGlmMcpServer(this IServiceCollection services) =>
        services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = ServerName, Title = "GLM MCP", Version = Version };
                options.ServerInstructions =
                    "Vision tools for coding agents: render_page screenshots HTML in Chromium; visual_diff compares two images " +
                    "pixel-exactly and lists changed regions. Image arguments take a file path, an http(s) URL on loopback, " +
                    "a data: URI or raw base64. Files must be under the client's roots (or the server's working directory).";
            })
            .WithToolsFromAssembly(typeof(McpServerRegistration).Assembly)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolErrorFilter.Create));
}
