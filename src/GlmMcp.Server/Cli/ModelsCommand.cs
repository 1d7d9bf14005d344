using System.CommandLine;
using GlmMcp.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp models</c>: the catalog and what of it is in the cache.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the models `glm-mcp pull` knows and which are downloaded.");
        ServerSettings.AddTo(command, EngineSettings.Pull);
        command.SetAction((result, _) => VerbRunner.RunAsync(async () =>
        {
            await using var services = PullCommand.Build(ServerSettings.Build(result, EngineSettings.Pull));
            var catalog = services.GetRequiredService<ModelCatalog>();
            var cache = services.GetRequiredService<ModelCache>();
            var nameWidth = catalog.Models.Max(m => m.Name.Length) + " (default)".Length;
            Console.WriteLine($"{"NAME".PadRight(nameWidth)}  {"ARCH",-8} {"SIZE",-10} {"CACHED",-18} DESCRIPTION"); // stdout-ok: CLI verb output, never under serve
            foreach (var model in catalog.Models)
            {
                var name = model == catalog.Default ? model.Name + " (default)" : model.Name;
                Console.WriteLine($"{name.PadRight(nameWidth)}  {model.Architecture,-8} {"~" + ModelDownloader.FormatBytes(model.ApproxBytes),-10} " + // stdout-ok: CLI verb output, never under serve
                                  $"{CacheState(cache, model),-18} {model.Description}");
            }
            Console.WriteLine($"cache: {cache.Root}"); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string CacheState(ModelCache cache, CatalogModel model)
    {
        if (cache.IsCached(model))
            return "yes";
        var partial = cache.CachedBytes(model) + model.Files.Sum(cache.PartialBytes);
        return partial > 0 ? $"partial {ModelDownloader.FormatBytes(partial)}" : "no";
    }
}
