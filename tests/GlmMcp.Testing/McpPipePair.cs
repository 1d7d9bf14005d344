using System.IO.Pipelines;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Testing;

/// <summary>
/// An MCP server and client in this process, joined by two in-memory pipes instead of a child process's stdin and
/// stdout. The server is a real host (options validated on start, hosted services run) that the caller registers the
/// way the product does; it reads what the client writes to one pipe and answers on the other. Disposing closes the
/// client, then stops the host.
/// </summary>
public sealed class McpPipePair : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Pipe _clientToServer;
    private readonly Pipe _serverToClient;

    private McpPipePair(IHost host, McpClient client, Pipe clientToServer, Pipe serverToClient)
    {
        _host = host;
        Client = client;
        _clientToServer = clientToServer;
        _serverToClient = serverToClient;
    }

    public McpClient Client { get; }

    /// <summary>The server's services, as its tools see them.</summary>
    public IServiceProvider Services => _host.Services;

    /// <param name="configureServer">
    /// Registers the server on the builder; its two streams are the server's input (what the client sends) and output
    /// (what the client reads), e.g. <c>builder.Services.AddMcpServer().WithStreamServerTransport(input, output)</c>.
    /// </param>
    /// <param name="clientOptions">The client's capabilities and handlers (roots, sampling…).</param>
    public static async Task<McpPipePair> StartAsync(Action<HostApplicationBuilder, Stream, Stream> configureServer, McpClientOptions? clientOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configureServer);
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        configureServer(builder, clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
            var client = await McpClient.CreateAsync(transport, clientOptions, cancellationToken: cancellationToken);
            return new McpPipePair(host, client, clientToServer, serverToClient);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _clientToServer.Writer.CompleteAsync();
        await _serverToClient.Reader.CompleteAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
