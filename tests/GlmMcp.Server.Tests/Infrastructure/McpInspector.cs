using System.Text.Json;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// MCP Inspector's CLI mode (<c>@modelcontextprotocol/inspector</c> 0.15.0, the last release that runs on Node 20), a
/// third-party MCP client. It is installed from <c>tests/clients/package-lock.json</c> with <c>npm ci</c> the first time
/// a test needs it; without npm the tests fail saying so (they are never skipped).
/// </summary>
public static class McpInspector
{
    public const string Version = "0.15.0";

    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The folder whose <c>package.json</c> names the test clients.</summary>
    public static string ClientsFolder => Path.Join(ServerBinary.RepositoryRoot, "tests", "clients");

    /// <summary>
    /// Runs <c>mcp-inspector --cli ARGS</c> in <paramref name="workingDirectory"/>: a server command line (stdio) or a
    /// URL ending in <c>/mcp</c> (Streamable HTTP), then <c>--method …</c>; <c>-e KEY=VALUE</c> before them sets the
    /// stdio server's environment.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string workingDirectory, params string[] args)
    {
        var inspector = await Installed.Value;
        return await ProcessRun.RunAsync(inspector, workingDirectory, TimeSpan.FromMinutes(4), ["--cli", .. args]);
    }

    /// <summary>The JSON a successful run printed; a failed run fails the test with what the inspector said.</summary>
    public static JsonElement Output(ProcessRun run)
    {
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"mcp-inspector exited {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.Clone();
    }

    private static async Task<string> InstallAsync()
    {
        var bin = Path.Join(ClientsFolder, "node_modules", ".bin", "mcp-inspector");
        var manifest = Path.Join(ClientsFolder, "node_modules", "@modelcontextprotocol", "inspector", "package.json");
        if (File.Exists(bin) && File.Exists(manifest) && InstalledVersion(manifest) == Version)
            return bin;
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(
            "npm is missing: the MCP Inspector tests install @modelcontextprotocol/inspector " + Version + " with `npm ci` in tests/clients. " +
            "Install Node.js 20 or newer with npm (e.g. `sudo apt-get install -y nodejs npm`) and run the tests again.");
        var run = await ProcessRun.RunAsync(npm, ClientsFolder, TimeSpan.FromMinutes(10), "ci", "--no-audit", "--no-fund");
        if (run.ExitCode != 0 || !File.Exists(bin))
            throw new InvalidOperationException($"`npm ci` in {ClientsFolder} failed (exit {run.ExitCode}); MCP Inspector is needed by these tests:\n{run.Stderr}\n{run.Stdout}");
        return bin;
    }

    private static string? InstalledVersion(string manifest)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Join(folder, program))
        .FirstOrDefault(File.Exists);
}
