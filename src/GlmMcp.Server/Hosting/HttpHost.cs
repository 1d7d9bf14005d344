using GlmMcp.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Hosting;

/// <summary>The HTTP server: Streamable HTTP at <c>/mcp</c>, legacy SSE at <c>/sse</c> (+ <c>/message</c>), a
/// <see cref="LandingPage"/> at <c>/</c>, all guarded by <see cref="LoopbackGuardMiddleware"/>, and <c>GET /healthz</c>
/// for container and load-balancer probes. A port in use is a <see cref="UserInputException"/> (one line, exit code 2).</summary>
public static class HttpHost
{
    public const string StreamablePath = "/mcp";

    /// <summary>Answers 200 "ok" once the server listens. It is outside the guard, because probes come without the
    /// token and with the container's address as Host; it tells nothing but that the process is up.</summary>
    public const string HealthPath = "/healthz";

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
        app.UseMiddleware<LandingPage>();
        app.MapMcp(StreamablePath);
        app.MapMcp(string.Empty);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            var http = app.Services.GetRequiredService<IOptions<HttpTransportOptions>>().Value;
            throw new UserInputException(
                $"Cannot listen on {http.BindAddress}:{http.Port}: the port is in use (another glm-mcp serve --http?). " +
                "Stop what listens there, or choose another port with --port (0 picks a free one).", e);
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
            await Console.Error.WriteLineAsync($"glm-mcp: listening on {address}{StreamablePath} (Streamable HTTP) and {address}/sse (SSE)");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
