using ModelContextProtocol.Client;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// The real <c>glm-mcp</c> process started over stdio by the C# MCP client, as an IDE would start it. Tests that never
/// render pass <c>--prelaunch false</c>, so no Chromium starts behind them; the tests that render keep the default.
/// </summary>
public sealed class StdioServer : IAsyncDisposable
{
    private StdioServer(McpClient client, TempFolder folder, List<string> stderr)
    {
        Client = client;
        WorkingDirectory = folder;
        Stderr = stderr;
    }

    public McpClient Client { get; }

    /// <summary>The server's working directory (so its default root): a fresh temp folder per server.</summary>
    public TempFolder WorkingDirectory { get; }

    /// <summary>What the server wrote to stderr (its logs).</summary>
    public List<string> Stderr { get; }

    public static async Task<StdioServer> StartAsync(IEnumerable<string>? args = null, IDictionary<string, string?>? environment = null, McpClientOptions? clientOptions = null, TempFolder? workingDirectory = null)
    {
        var folder = workingDirectory ?? new TempFolder();
        var stderr = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "glm-mcp",
            Command = ServerBinary.Path,
            Arguments = ["serve", .. args ?? []],
            WorkingDirectory = folder.Path,
            EnvironmentVariables = environment ?? new Dictionary<string, string?>(),
            StandardErrorLines = line => { lock (stderr) stderr.Add(line); },
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        var client = await McpClient.CreateAsync(transport, clientOptions);
        return new StdioServer(client, folder, stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        WorkingDirectory.Dispose();
    }
}
