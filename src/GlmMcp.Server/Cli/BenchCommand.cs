using System.CommandLine;
using GlmMcp.Server.Cli.Bench;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp bench …</c>: the performance figures the issues ask for, each beside its anchor from the same run.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure speed (medians over several runs) next to the anchors named in the docs.");
        command.Subcommands.Add(BenchStartupCommand.Create());
        command.Subcommands.Add(BenchRenderCommand.Create());
        command.Subcommands.Add(BenchDiffCommand.Create());
        command.Subcommands.Add(BenchEngineCommand.Create());
        return command;
    }
}
