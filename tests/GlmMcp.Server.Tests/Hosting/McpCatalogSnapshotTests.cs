using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Hosting;

/// <summary>
/// The lists are served from <c>src/GlmMcp.Server/Hosting/McpCatalogSnapshot.json</c> (<see cref="McpCatalogSnapshot"/>);
/// these tests keep it what the reflection build of <see cref="McpPrimitiveCatalog"/> makes. After changing a tool,
/// prompt or resource template, regenerate it with <see cref="RegenerateVariable"/>=1 (this test class), then run the
/// tests again: the server embeds the file at build time.
/// </summary>
public sealed class McpCatalogSnapshotTests
{
    private const string RegenerateVariable = "GLM_MCP_WRITE_CATALOG_SNAPSHOT";

    private static readonly string SnapshotFile = Checkout.Path("src", "GlmMcp.Server", "Hosting", "McpCatalogSnapshot.json");

    private static readonly string Regenerate =
        $"Regenerate it: {RegenerateVariable}=1 dotnet test tests/GlmMcp.Server.Tests --filter FullyQualifiedName~McpCatalogSnapshotTests, then run the tests again.";

    private static readonly JsonSerializerOptions SnapshotFormat = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task The_checked_in_snapshot_is_what_the_reflection_catalog_builds()
    {
        var built = await SnapshotTextAsync();
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
            await File.WriteAllTextAsync(SnapshotFile, built);

        Assert.True(built == await File.ReadAllTextAsync(SnapshotFile), $"{SnapshotFile} differs from what the reflection catalog builds. {Regenerate}");
        Assert.True(built == McpCatalogSnapshot.ReadText(), $"The server embeds an older {Path.GetFileName(SnapshotFile)}: build it again.");
    }

    [Theory]
    [InlineData("local")]
    [InlineData("openai")]
    [InlineData("sampling")]
    public async Task Lists_served_from_the_snapshot_are_those_of_the_reflection_catalog(string engine)
    {
        await using var services = Services(engine);
        var catalog = new McpPrimitiveCatalog(services);

        var built = await catalog.GetAsync(CancellationToken.None);
        var tools = (await catalog.ListToolsAsync()).Tools;
        var prompts = (await catalog.ListPromptsAsync()).Prompts;
        var templates = (await catalog.ListResourceTemplatesAsync()).ResourceTemplates;

        Assert.Equal(Json(built.Tools.Values.Select(t => t.ProtocolTool)), Json(tools), StringComparer.Ordinal);
        Assert.Equal(Json(built.Prompts.Values.Select(p => p.ProtocolPrompt)), Json(prompts), StringComparer.Ordinal);
        Assert.Equal(Json(built.ResourceTemplates.Select(r => r.ProtocolResourceTemplate)), Json(templates), StringComparer.Ordinal);
        Assert.Equal(engine == "openai", tools.Single(t => t.Name == "describe_image").Annotations?.OpenWorldHint);
    }

    /// <summary>The snapshot file's text: the lists built for the local engine, and the tools the openai engine makes open-world.</summary>
    private static async Task<string> SnapshotTextAsync()
    {
        await using var localServices = Services("local");
        await using var remoteServices = Services("openai");
        var local = await new McpPrimitiveCatalog(localServices).GetAsync(CancellationToken.None);
        var remote = await new McpPrimitiveCatalog(remoteServices).GetAsync(CancellationToken.None);
        var openWhenRemote = local.Tools.Keys
            .Where(name => remote.Tools[name].ProtocolTool.Annotations?.OpenWorldHint != local.Tools[name].ProtocolTool.Annotations?.OpenWorldHint);
        var snapshot = new JsonObject
        {
            [McpCatalogSnapshot.ToolsProperty] = Nodes(local.Tools.Values.Select(t => t.ProtocolTool)),
            [McpCatalogSnapshot.OpenWorldWhenModelIsRemote] = new JsonArray([.. openWhenRemote.Select(name => (JsonNode)JsonValue.Create(name))]),
            [McpCatalogSnapshot.PromptsProperty] = Nodes(local.Prompts.Values.Select(p => p.ProtocolPrompt)),
            [McpCatalogSnapshot.ResourceTemplatesProperty] = Nodes(local.ResourceTemplates.Select(r => r.ProtocolResourceTemplate)),
        };
        return snapshot.ToJsonString(SnapshotFormat) + "\n";
    }

    private static JsonArray Nodes<T>(IEnumerable<T> items) =>
        [.. items.Select(item => JsonSerializer.SerializeToNode(item, McpCatalogSnapshot.Info<T>()))];

    private static string Json<T>(IEnumerable<T> items) => Nodes(items).ToJsonString();

    /// <summary>The product's registrations, as the stdio host makes them, for <paramref name="engine"/>.</summary>
    private static ServiceProvider Services(string engine)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:Kind"] = engine }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddGlmMcp(configuration);
        services.AddGlmMcpServer();
        return services.BuildServiceProvider();
    }
}
