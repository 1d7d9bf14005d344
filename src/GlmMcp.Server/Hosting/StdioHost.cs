using GlmMcp.Core.Imaging;
using GlmMcp.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// The stdio server: the transport MCP clients start as a child process. Messages are read by
/// <see cref="StdioLineTransport"/>, which caps their size and refuses requests before <c>initialize</c>.
/// </summary>
public static class StdioHost
{
    public static async Task RunAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddStderrConsole(builder.Configuration);
        builder.Services.AddGlmMcp(builder.Configuration);
        builder.Services.AddSettings<StdioTransportOptions, StdioTransportOptionsValidator>(builder.Configuration, StdioTransportOptions.Section);
        builder.Services.AddGlmMcpServer();
        builder.Services.AddSingleton<ITransport>(services => new StdioLineTransport(
            Console.OpenStandardInput(), Console.OpenStandardOutput(), services.GetRequiredService<IOptions<StdioTransportOptions>>().Value.MaxMessageBytes,
            services.GetRequiredService<IOptions<ImagingOptions>>().Value.MaxInputBytes, services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(services => McpServer.Create(
            services.GetRequiredService<ITransport>(), services.GetRequiredService<IOptions<McpServerOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>(), services));
        builder.Services.AddHostedService<StdioSessionService>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
    }
}
