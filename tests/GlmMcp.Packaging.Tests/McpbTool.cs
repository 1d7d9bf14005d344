namespace GlmMcp.Packaging.Tests;

/// <summary>
/// The <c>@anthropic-ai/mcpb</c> CLI of packaging/mcpb, installed from its lock file (<c>npm ci</c>) the first time a
/// test needs it in a checkout that lacks it.
/// </summary>
public static class McpbTool
{
    public static string Folder { get; } = Checkout.Path("packaging", "mcpb");

    private static readonly Lazy<Task<string>> _cli = new(InstallAsync);

    /// <summary>The path of the <c>mcpb</c> executable.</summary>
    public static Task<string> CliAsync() => _cli.Value;

    private static async Task<string> InstallAsync()
    {
        var cli = Path.Join(Folder, "node_modules", ".bin", "mcpb");
        if (File.Exists(cli))
            return cli;
        var install = await ProcessRun.RunAsync("npm", Folder, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund");
        return install.ExitCode == 0 && File.Exists(cli)
            ? cli
            : throw new InvalidOperationException($"npm ci in {Folder} failed ({install.ExitCode}):\n{install.Stdout}\n{install.Stderr}");
    }
}
