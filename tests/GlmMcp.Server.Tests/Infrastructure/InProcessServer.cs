using GlmMcp.Core.Rendering;
using GlmMcp.Server.Cli;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// The glm-mcp server inside the test process, for tool contracts: <c>glm-mcp serve</c>'s own parsing of
/// <paramref name="args"/> and the product's registration (<c>AddGlmMcp</c>, <c>AddGlmMcpServer</c>), joined to an MCP
/// client over in-memory pipes (<see cref="McpPipePair"/>). It differs from <see cref="StdioServer"/> only where a process
/// is needed: its one root is <see cref="WorkingDirectory"/>, given as a configured root (the test process's own working
/// directory is shared); Chromium is not prelaunched; logs go to <see cref="Logs"/>. Stdio framing, HTTP, exit codes and
/// Chromium's fate when the server dies are tested on the real process (<c>[Trait("Category", "EndToEnd")]</c>).
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly McpPipePair _pair;
    private readonly bool _ownsFolder;

    private InProcessServer(McpPipePair pair, TempFolder folder, bool ownsFolder, List<string> logs)
    {
        _pair = pair;
        WorkingDirectory = folder;
        _ownsFolder = ownsFolder;
        Logs = logs;
    }

    public McpClient Client => _pair.Client;

    /// <summary>The server's one root: a fresh temp folder per server unless one is given.</summary>
    public TempFolder WorkingDirectory { get; }

    /// <summary>What the server logged (Information and above); lock it while reading.</summary>
    public List<string> Logs { get; }

    /// <param name="args">Options of <c>glm-mcp serve</c>, e.g. <c>["--engine", "sampling"]</c>.</param>
    /// <param name="environment"><c>GLM_MCP_</c> variables, applied as the settings they name.</param>
    /// <param name="renderer">A renderer to share (one Chromium for many servers); null: the server makes its own.</param>
    public static async Task<InProcessServer> StartAsync(IEnumerable<string>? args = null, IDictionary<string, string?>? environment = null,
        McpClientOptions? clientOptions = null, TempFolder? workingDirectory = null, IPageRenderer? renderer = null)
    {
        var parsed = ServeCommand.Create().Parse([.. args ?? []]);
        if (parsed.Errors.Count > 0)
            throw new ArgumentException(string.Join("; ", parsed.Errors.Select(e => e.Message)), nameof(args));
        var configuration = ServerSettings.Build(parsed, ServeCommand.Settings);
        var folder = workingDirectory ?? new TempFolder();
        var overrides = new Dictionary<string, string?>
        {
            ["Security:IncludeWorkingDirectory"] = "false",
            [$"Security:Roots:{configuration.GetSection("Security:Roots").GetChildren().Count()}"] = folder.Path,
            ["Rendering:Prelaunch"] = "false",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            overrides[name[ServerSettings.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
        var logs = new ListLoggerProvider();
        try
        {
            var pair = await McpPipePair.StartAsync((builder, input, output) =>
            {
                builder.Configuration.AddConfiguration(configuration);
                builder.Configuration.AddInMemoryCollection(overrides);
                builder.Logging.AddProvider(logs);
                if (renderer is not null)
                    builder.Services.AddSingleton(renderer);
                builder.Services.AddGlmMcp(builder.Configuration);
                builder.Services.AddGlmMcpServer().WithStreamServerTransport(input, output);
            }, clientOptions);
            return new InProcessServer(pair, folder, workingDirectory is null, logs.Lines);
        }
        catch
        {
            if (workingDirectory is null)
                folder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pair.DisposeAsync();
        if (_ownsFolder)
            WorkingDirectory.Dispose();
    }
}
