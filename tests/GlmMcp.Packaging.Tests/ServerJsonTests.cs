using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace GlmMcp.Packaging.Tests;

public sealed class ServerJsonTests
{
    private static readonly string _serverJson = Checkout.Path("src", "GlmMcp.Server", ".mcp", "server.json");

    /// <summary>Built once: the library registers a schema under its $id, and a second build of the same $id is refused.</summary>
    private static readonly JsonSchema _schema = JsonSchema.FromText(File.ReadAllText(Checkout.Path("packaging", "schemas", "server.schema.json")));

    [Fact]
    public void Server_json_is_valid_against_the_MCP_registry_schema_kept_in_the_repository()
    {
        var results = Validate(File.ReadAllText(_serverJson));

        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void The_schema_check_catches_a_server_json_the_registry_would_refuse()
    {
        var broken = JsonNode.Parse(File.ReadAllText(_serverJson))!;
        broken["name"] = "no slash in this name";
        broken["packages"]![0]!["version"] = "latest";
        broken["packages"]![0]!.AsObject().Remove("transport");

        var results = Validate(broken.ToJsonString());

        Assert.False(results.IsValid);
        var errors = Describe(results);
        Assert.Contains("/name", errors);
        Assert.Contains("/packages/0", errors);
    }

    [Fact]
    public void Server_json_names_this_version_the_nuget_package_and_inputs_for_engine_base_url_and_a_secret_key()
    {
        var server = JsonNode.Parse(File.ReadAllText(_serverJson))!;
        var package = server["packages"]!.AsArray().Single()!;
        var inputs = package["environmentVariables"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);

        Assert.Equal(PackedServer.Version, (string?)server["version"]);
        Assert.Equal(PackedServer.Version, (string?)package["version"]);
        Assert.Equal(("nuget", PackedServer.PackageId, "stdio"), ((string?)package["registryType"], (string?)package["identifier"], (string?)package["transport"]!["type"]));
        Assert.Equal(["local", "openai", "sampling"], inputs["GLM_MCP_Engine__Kind"]!["choices"]!.AsArray().Select(c => (string)c!));
        Assert.NotEqual(true, (bool?)inputs["GLM_MCP_Engine__OpenAi__BaseUrl"]!["isSecret"]);
        Assert.True((bool?)inputs["GLM_MCP_API_KEY"]!["isSecret"]);
    }

    private static EvaluationResults Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join('\n', (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
}
