using System.CommandLine;
using GlmMcp.Inference.Models;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp pull [NAME]</c>: downloads a catalog model into the cache, resumably and verified.</summary>
internal static class PullCommand
{
    private static readonly Argument<string?> Name = new("name")
    {
        Description = "A model from `glm-mcp models` (default: the catalog default, GLM-4.6V-Flash).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Create()
    {
        var command = new Command("pull", "Download a model's GGUF files (text weights + vision projector) into the cache, with a progress bar; " +
                                          "an interrupted pull resumes where it stopped.");
        command.Arguments.Add(Name);
        ServerSettings.AddTo(command, EngineSettings.Pull);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            await using var services = Build(ServerSettings.Build(result, EngineSettings.Pull));
            var catalog = services.GetRequiredService<ModelCatalog>();
            var model = result.GetValue(Name) is { Length: > 0 } name ? catalog.Get(name) : catalog.Default;
            var cache = services.GetRequiredService<ModelCache>();
            Console.Error.WriteLine($"pulling {model.Name}: {model.Description}");
            var bar = new TerminalProgressBar(Console.Error, interactive: !Console.IsErrorRedirected);
            var files = await services.GetRequiredService<ModelDownloader>().PullAsync(model, bar, ct);
            foreach (var file in files)
            {
                var state = file.WasCached ? "already cached" : $"sha256 {file.Sha256}";
                Console.WriteLine($"{file.Source.Role.ToString().ToLowerInvariant(),-6} {file.Path} ({ModelDownloader.FormatBytes(file.Size)}, {state})"); // stdout-ok: CLI verb output, never under serve
            }
            Console.WriteLine($"{model.Name} is ready in {cache.Root}"); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Only what pulling needs: the catalog, cache and downloader.</summary>
    internal static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddStderrConsole(configuration));
        services.AddModels(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
