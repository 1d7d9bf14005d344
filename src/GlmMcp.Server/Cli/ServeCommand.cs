using System.CommandLine;
using GlmMcp.Core.Settings;
using GlmMcp.Server.Hosting;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp serve</c>: the MCP server over stdio (default) or HTTP.</summary>
internal static class ServeCommand
{
    private static readonly SettingOption Http = SettingOption.Value<bool>("--http", "Http:Enabled", "Serve Streamable HTTP at /mcp and legacy SSE at /sse instead of stdio.");
    private static readonly SettingOption Host = SettingOption.Value<string>("--host", "Http:Host", "Address to bind with --http (default 127.0.0.1).");
    private static readonly SettingOption Port = SettingOption.Value<int?>("--port", "Http:Port", "Port to bind with --http (default 8931; 0 picks a free one).");
    private static readonly SettingOption Prelaunch = SettingOption.Value<bool?>("--prelaunch", "Rendering:Prelaunch",
        "Start Chromium once a client has connected, so the first render does not wait for it (default true; --prelaunch false starts it at the first render).");
    private static readonly SettingOption Token = SettingOption.Value<string>("--token", "Http:Token", "With --http, require 'Authorization: Bearer TOKEN' on every request.");

    /// <summary>Settings of the serve verb: the shared ones, the engine, and the HTTP transport.</summary>
    public static IReadOnlyList<SettingOption> Settings { get; } = [.. ServerSettings.Shared, .. EngineSettings.Serve, Http, Host, Port, Token, Prelaunch];

    /// <summary>What a bare <c>glm-mcp</c> started in a terminal says on stderr (stdout is the protocol's).</summary>
    public const string TerminalHint =
        "glm-mcp: waiting for an MCP client on stdin (JSON-RPC over stdio). This is the server an MCP client (VS Code, Cursor, " +
        "Claude Desktop…) starts by itself; see 'glm-mcp --help' for the terminal verbs (render, diff, code, doctor, models, pull) " +
        "and 'glm-mcp serve --http' for HTTP. Ctrl+C quits.";

    public static Command Create()
    {
        var command = new Command("serve", "Run the MCP server: stdio by default (stdout carries only JSON-RPC, logs go to stderr), or HTTP with --http.");
        ServerSettings.AddTo(command, Settings);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, Settings);
            if (SettingsBinder.Read<HttpTransportOptions>(configuration, HttpTransportOptions.Section).Enabled)
                await HttpHost.RunAsync(configuration, ct);
            else
            {
                // Someone typed glm-mcp in a terminal: without this it would sit silent, waiting for JSON-RPC.
                if (!Console.IsInputRedirected)
                    await Console.Error.WriteLineAsync(TerminalHint);
                await StdioHost.RunAsync(configuration, ct);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
