using System.CommandLine;
using System.Text.RegularExpressions;

namespace GlmMcp.Server.Cli;

/// <summary>The <c>glm-mcp</c> command line: <c>serve</c> (the default), the one-shot tool verbs and <c>doctor</c>.</summary>
internal static partial class GlmMcpCli
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
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(PullCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line that does not parse (a missing argument, an unknown
    /// option, a value of the wrong type) is a usage error: what is wrong and where to read the usage go to stderr,
    /// nothing to stdout, exit code 2 (1 is taken: <c>diff</c> uses it for "different").
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var result = Create().Parse(args);
        if (result.Errors.Count == 0)
            return await result.InvokeAsync();
        var verb = result.CommandResult.Command is RootCommand ? "glm-mcp" : $"glm-mcp {result.CommandResult.Command.Name}";
        foreach (var error in result.Errors)
            await Console.Error.WriteLineAsync($"{verb}: {Plain(error.Message)}");
        await Console.Error.WriteLineAsync($"Run '{verb} --help' for its usage.");
        return ExitCodes.Error;
    }

    /// <summary>Parser messages name .NET types ("as expected type 'System.Double'"); say what to type instead.</summary>
    private static string Plain(string message) =>
        ExpectedType().Replace(message, m => "; expected " + m.Groups["type"].Value switch
        {
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" => "a whole number",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
            var other => other,
        });

    [GeneratedRegex(@" as expected type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedType();
}
