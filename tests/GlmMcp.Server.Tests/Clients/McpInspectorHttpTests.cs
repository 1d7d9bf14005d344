using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Clients;

/// <summary>
/// A third-party client: MCP Inspector's CLI mode lists the tools and calls every one of them over Streamable HTTP, all
/// against one glm-mcp, with <c>--tool-arg key=value</c> arguments. Those arrive as strings and the inspector converts
/// them by the tool's input schema, so numbers and booleans given as text must work. The workflow tools run on the
/// openai engine against a scripted loopback model server.
/// </summary>
public sealed class McpInspectorHttpTests
{
    [Fact]
    public async Task Over_streamable_http_the_inspector_lists_the_tools_and_calls_each_with_string_typed_arguments()
    {
        await using var model = McpInspectorToolCalls.ScriptedModel();
        using var settings = new TempFolder();
        using var workspace = new TempFolder();
        var file = settings.Write("settings.json", "{\"Sessions\": {\"Workspace\": " + JsonSerializer.Serialize(workspace.Path) + "}}");
        await using var server = await HttpServer.StartAsync(
            "--engine", "openai", "--base-url", model.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm", "--settings", file);

        await McpInspectorToolCalls.ListAndCallEveryToolAsync(server.WorkingDirectory.Path, new Uri(server.BaseUri, "/mcp").AbsoluteUri);
    }
}
