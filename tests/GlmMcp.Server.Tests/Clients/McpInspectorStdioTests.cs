using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Clients;

/// <summary>
/// A third-party client: MCP Inspector's CLI mode lists the tools and calls every one of them over stdio (each run
/// starts its own glm-mcp), with <c>--tool-arg key=value</c> arguments. Those arrive as strings and the inspector
/// converts them by the tool's input schema, so numbers and booleans given as text must work. The workflow tools run on
/// the openai engine against a scripted loopback model server.
/// </summary>
public sealed class McpInspectorStdioTests
{
    [Fact]
    public async Task Over_stdio_the_inspector_lists_the_tools_and_calls_each_with_string_typed_arguments()
    {
        await using var model = McpInspectorToolCalls.ScriptedModel();
        using var folder = new TempFolder();
        using var workspace = new TempFolder();
        string[] server =
        [
            "-e", "GLM_MCP_Engine__Kind=openai", "-e", $"GLM_MCP_Engine__OpenAi__BaseUrl={model.BaseUri}v1", "-e", "GLM_MCP_Engine__Model=glm-4.6v",
            "-e", "GLM_MCP_Engine__OpenAi__Provider=vllm", "-e", $"GLM_MCP_Sessions__Workspace={workspace.Path}",
            ServerBinary.Path, "serve",
        ];

        await McpInspectorToolCalls.ListAndCallEveryToolAsync(folder.Path, server);
    }
}
