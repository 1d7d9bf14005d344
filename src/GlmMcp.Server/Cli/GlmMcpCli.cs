using System.CommandLine;

namespace GlmMcp.Server.Cli;

/// <summary>The <c>glm-mcp</c> command line: <c>serve</c> (the default), the one-shot tool verbs and <c>doctor</c>.</summary>
internal static class GlmMcpCli
{
    public static RootCommand Create()
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand(
            "glm-mcp: an MCP server that gives coding assistants eyes (GLM-4.6V vision tools, Chromium rendering, pixel diff).\n" +
            "With no verb it runs `serve` over stdio.");
        foreach (var option in serve.Options)
            root.Options.Add(option);
        root.Action = serve.Action;
        root.Subcommands.Add(serve);
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(CodeCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(PullCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        return root;
    }
}
