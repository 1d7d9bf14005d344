using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GlmMcp.Server.Hosting;

/// <summary>The stdio server: the transport MCP clients start as a child process.</summary>
public static class StdioHost
{
    public static async Task RunAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddStderrConsole(builder.Configuration);
        builder.Services.AddGlmMcp(builder.Configuration);
        builder.Services.AddGlmMcpServer().WithStdioServerTransport();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }
}
