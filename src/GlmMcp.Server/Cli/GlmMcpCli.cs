using System.CommandLine;
using GlmMcp.Server.Cli.Bench;

namespace GlmMcp.Server.Cli;

/// <summary>The <c>glm-mcp</c> command line: <c>serve</c> (the default), the one-shot tool verbs, <c>doctor</c> and <c>bench</c>.</summary>
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
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(PullCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
