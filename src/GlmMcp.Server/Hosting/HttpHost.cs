using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GlmMcp.Server.Hosting;

/// <summary>The HTTP server: Streamable HTTP at <c>/mcp</c>, legacy SSE at <c>/sse</c> (+ <c>/message</c>), guarded by
/// <see cref="LoopbackGuardMiddleware"/>, and <c>GET /healthz</c> for container and load-balancer probes.</summary>
public static class HttpHost
{
    public const string StreamablePath = "/mcp";

    /// <summary>Answers 200 "ok" once the server listens. It is outside the guard, because probes come without the
    /// token and with the container's address as Host; it tells nothing but that the process is up.</summary>
    public const string HealthPath = "/healthz";

    public static async Task RunAsync(IConfiguration configuration, HttpTransportOptions http, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddStderrConsole(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(http.BindAddress, http.Port));
        builder.Services.AddSingleton(http);
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
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == HealthPath && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            }
            await next(context);
        });
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
