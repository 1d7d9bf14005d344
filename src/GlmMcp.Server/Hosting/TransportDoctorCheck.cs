using System.Net;
using System.Net.Sockets;
using GlmMcp.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Hosting;

/// <summary>Doctor line for the transports: stdio always; HTTP's address, whether its port is free, and its guard.</summary>
internal sealed class TransportDoctorCheck(IOptions<HttpTransportOptions> options) : IDoctorCheck
{
    public Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var http = options.Value;
        var url = $"http://{http.Host}:{http.Port}";
        var guard = string.IsNullOrEmpty(http.Token) ? "no token, loopback Origin/Host only" : "bearer token, loopback Origin/Host only";
        var results = new List<DoctorCheckResult>
        {
            DoctorCheckResult.Ok("stdio", "glm-mcp serve (default): JSON-RPC on stdout, logs on stderr"),
        };
        results.Add(PortIsFree(http.BindAddress, http.Port)
            ? DoctorCheckResult.Ok("http", $"glm-mcp serve --http → {url}/mcp (Streamable HTTP), {url}/sse (legacy SSE); {guard}")
            : DoctorCheckResult.Warn("http", $"port {http.Port} on {http.Host} is in use", "pick another with --port, or stop what holds it"));
        return Task.FromResult<IReadOnlyList<DoctorCheckResult>>(results);
    }

    private static bool PortIsFree(IPAddress address, int port)
    {
        if (port == 0)
            return true;
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
