using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Hosting;

/// <summary>The HTTP server: Streamable HTTP at <c>/mcp</c>, legacy SSE at <c>/sse</c> (+ <c>/message</c>), guarded by
/// <see cref="LoopbackGuardMiddleware"/>.</summary>
public static class HttpHost
{
    public const string StreamablePath = "/mcp";

    public static async Task RunAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddStderrConsole(builder.Configuration);
        // Http is validated at start, before Kestrel reads where to listen.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<HttpTransportOptions>>((kestrel, http) => kestrel.Listen(http.Value.BindAddress, http.Value.Port));
        builder.Services.AddGlmMcp(builder.Configuration);
        // Stateful sessions: tools send progress and ask the client for roots and sampling, which needs a session.
        // Legacy SSE is deprecated upstream (no back-pressure); it stays on for clients that only speak it, behind the
        // loopback bind, the Origin/Host check and the optional token.
#pragma warning disable MCP9004
        builder.Services.AddGlmMcpServer().WithHttpTransport(o =>
        {
            o.Stateless = false;
            o.EnableLegacySse = true;
        });
#pragma warning restore MCP9004

        await using var app = builder.Build();
        app.UseMiddleware<LoopbackGuardMiddleware>();
        app.MapMcp(StreamablePath);
        app.MapMcp(string.Empty);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
            await Console.Error.WriteLineAsync($"glm-mcp: listening on {address}{StreamablePath} (Streamable HTTP) and {address}/sse (SSE)");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
