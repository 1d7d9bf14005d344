using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>Runs the one stdio session; when the client closes stdin, the session ends and so does the process.</summary>
internal sealed class StdioSessionService(McpServer session, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await session.RunAsync(stoppingToken);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
