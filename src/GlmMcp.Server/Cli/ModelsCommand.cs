using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GlmMcp.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp models [--json]</c>: the catalog and what of it is in the cache.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the catalog and the cache state as JSON (for scripts)." };
        var command = new Command("models", "List the models `glm-mcp pull` knows and which are downloaded.");
        command.Options.Add(json);
        ServerSettings.AddTo(command, EngineSettings.Pull);
        command.SetAction((result, _) => VerbRunner.RunAsync(async () =>
        {
            await using var services = PullCommand.Build(ServerSettings.Build(result, EngineSettings.Pull));
            var catalog = services.GetRequiredService<ModelCatalog>();
            var cache = services.GetRequiredService<ModelCache>();
            Console.WriteLine(result.GetValue(json) ? Json(catalog, cache) : Table(catalog, cache)); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Table(ModelCatalog catalog, ModelCache cache)
    {
        var nameWidth = catalog.Models.Max(m => m.Name.Length) + " (default)".Length;
        var lines = new List<string> { $"{"NAME".PadRight(nameWidth)}  {"ARCH",-8} {"SIZE",-10} {"CACHED",-18} DESCRIPTION" };
        foreach (var model in catalog.Models)
        {
            var name = model == catalog.Default ? model.Name + " (default)" : model.Name;
            lines.Add($"{name.PadRight(nameWidth)}  {model.Architecture,-8} {"~" + ModelDownloader.FormatBytes(model.ApproxBytes),-10} " +
                      $"{CacheState(cache, model),-18} {model.Description}");
        }
        lines.Add($"cache: {cache.Root}");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary><c>{"cache": DIR, "models": [{name, default, architecture, approxBytes, cached, cachedBytes, partialBytes, description, files: [{role, path, cached}]}]}</c>.</summary>
    private static string Json(ModelCatalog catalog, ModelCache cache)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("cache", cache.Root);
            writer.WriteStartArray("models");
            foreach (var model in catalog.Models)
            {
                writer.WriteStartObject();
                writer.WriteString("name", model.Name);
                writer.WriteBoolean("default", model == catalog.Default);
                writer.WriteString("architecture", model.Architecture);
                writer.WriteNumber("approxBytes", model.ApproxBytes);
                writer.WriteBoolean("cached", cache.IsCached(model));
                writer.WriteNumber("cachedBytes", cache.CachedBytes(model));
                writer.WriteNumber("partialBytes", model.Files.Sum(cache.PartialBytes));
                writer.WriteString("description", model.Description);
                writer.WriteStartArray("files");
                foreach (var file in model.Files)
                {
                    writer.WriteStartObject();
                    writer.WriteString("role", file.Role.ToString().ToLowerInvariant());
                    writer.WriteString("path", cache.PathOf(file));
                    writer.WriteBoolean("cached", cache.IsCached(file));
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string CacheState(ModelCache cache, CatalogModel model)
    {
        if (cache.IsCached(model))
            return "yes";
        var partial = cache.CachedBytes(model) + model.Files.Sum(cache.PartialBytes);
        return partial > 0 ? $"partial {ModelDownloader.FormatBytes(partial)}" : "no";
    }
}
