using System.IO.Compression;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;

namespace GlmMcp.Packaging.Tests;

public sealed class McpbBundleTests
{
    private static readonly string _manifest = Path.Join(McpbTool.Folder, "manifest.json");

    [Fact]
    public async Task Mcpb_validate_passes_the_bundle_manifest()
    {
        var run = await ProcessRun.RunAsync(await McpbTool.CliAsync(), McpbTool.Folder, TimeSpan.FromMinutes(1), "validate", _manifest);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("validation passes", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task Mcpb_validate_refuses_a_manifest_with_an_unknown_user_config_type()
    {
        using var folder = new TempFolder();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(_manifest))!;
        manifest["user_config"]!["api_key"]!["type"] = "secret";

        var run = await ProcessRun.RunAsync(await McpbTool.CliAsync(), folder.Path, TimeSpan.FromMinutes(1), "validate", folder.Write("manifest.json", manifest.ToJsonString()));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("user_config", run.Stdout + run.Stderr);
    }

    [Fact]
    public async Task The_manifest_asks_for_engine_base_url_and_a_sensitive_key_passes_them_to_the_server_and_lists_the_servers_tools()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(_manifest))!;
        var config = manifest["user_config"]!;
        var env = manifest["server"]!["mcp_config"]!["env"]!;
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = Path.Join(AppContext.BaseDirectory, "glm-mcp"),
            Arguments = ["serve"],
        }));
        var served = (await client.ListToolsAsync()).Select(t => t.Name).Order();

        Assert.Equal("local", (string?)config["engine"]!["default"]);
        Assert.True((bool?)config["api_key"]!["sensitive"]);
        Assert.NotEqual(true, (bool?)config["base_url"]!["sensitive"]);
        Assert.Equal("${user_config.engine}", (string?)env["GLM_MCP_Engine__Kind"]);
        Assert.Equal("${user_config.base_url}", (string?)env["GLM_MCP_Engine__OpenAi__BaseUrl"]);
        Assert.Equal("${user_config.api_key}", (string?)env["GLM_MCP_API_KEY"]);
        Assert.Equal(served, manifest["tools"]!.AsArray().Select(t => (string)t!["name"]!).Order());
    }

    [Fact]
    public async Task Build_sh_bundles_the_linux_package_and_the_bundled_server_starts_as_Claude_Desktop_would_start_it()
    {
        var feed = await PackedServer.FeedAsync();
        await McpbTool.CliAsync();
        using var output = new TempFolder();
        using var unpacked = new TempFolder();
        var environment = new Dictionary<string, string?> { ["GLM_MCP_FEED"] = feed, ["GLM_MCP_MCPB_OUT"] = output.Path };

        var build = await ProcessRun.RunAsync("bash", McpbTool.Folder, TimeSpan.FromMinutes(15), environment, "build.sh", PackedServer.Rid);
        var bundle = output.File($"glm-mcp-{PackedServer.Rid}.mcpb");
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        ZipFile.ExtractToDirectory(bundle, unpacked.Path);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(unpacked.File("manifest.json")))!;
        var mcp = manifest["server"]!["mcp_config"]!;
        var command = ((string)mcp["command"]!).Replace("${__dirname}", unpacked.Path, StringComparison.Ordinal);
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = command,
            Arguments = mcp["args"]!.AsArray().Select(a => (string)a!).ToList(),
            // What Claude Desktop sends when the user keeps the defaults.
            EnvironmentVariables = new Dictionary<string, string?> { ["GLM_MCP_Engine__Kind"] = "local", ["GLM_MCP_Engine__OpenAi__BaseUrl"] = "", ["GLM_MCP_API_KEY"] = "" },
        }));

        Assert.Equal(["linux"], manifest["compatibility"]!["platforms"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(PackedServer.Version, (string?)manifest["version"]);
        Assert.True(File.Exists(Path.Join(unpacked.Path, (string)manifest["server"]!["entry_point"]!)));
        Assert.Equal("glm-mcp", client.ServerInfo!.Name);
        Assert.NotEmpty(await client.ListToolsAsync());
    }
}
