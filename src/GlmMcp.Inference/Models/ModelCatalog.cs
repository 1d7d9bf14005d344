using System.Text.Json;
using System.Text.Json.Serialization;
using GlmMcp.Core;

namespace GlmMcp.Inference.Models;

/// <summary>
/// The models <c>glm-mcp pull</c> knows, read from the embedded <c>catalog.json</c> (data, so a new quantization is a
/// line of JSON, not code).
/// </summary>
public sealed partial class ModelCatalog
{
    private const string ResourceName = "GlmMcp.Inference.Models.catalog.json";

    private static readonly Lazy<ModelCatalog> EmbeddedCatalog = new(LoadEmbedded);

    public ModelCatalog(string defaultName, IReadOnlyList<CatalogModel> models)
    {
        if (models.Count == 0)
            throw new ArgumentException("A catalog needs at least one model.", nameof(models));
        foreach (var model in models)
        {
            if (model.Files.Count(f => f.Role == ModelFileRole.Model) != 1 || model.Files.Count(f => f.Role == ModelFileRole.Mmproj) != 1)
                throw new ArgumentException($"Catalog model '{model.Name}' needs exactly one model file and one mmproj file.", nameof(models));
        }
        Models = models;
        Default = Find(defaultName) ?? throw new ArgumentException($"The default model '{defaultName}' is not in the catalog.", nameof(defaultName));
    }

    public CatalogModel Default { get; }

    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>The embedded catalog, parsed on first use (the stdio server answers <c>initialize</c> without it).</summary>
    public static ModelCatalog Embedded => EmbeddedCatalog.Value;

    public CatalogModel? Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The named model, or a <see cref="UserInputException"/> listing the names there are.</summary>
    public CatalogModel Get(string name) => Find(name) ?? throw new UserInputException(
        $"There is no model named '{name}' in the catalog. Known models: {string.Join(", ", Models.Select(m => m.Name))} " +
        "(see `glm-mcp models`), or give your own files with --model PATH --mmproj PATH.");

    public static ModelCatalog Parse(string json)
    {
        var data = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogJson)
                   ?? throw new InvalidDataException("The model catalog is empty.");
        return new ModelCatalog(data.Default, data.Models);
    }

    private static ModelCatalog LoadEmbedded()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal sealed record CatalogJson(string Default, List<CatalogModel> Models);

    /// <summary>Source-generated reader of <c>catalog.json</c>: no reflection when the catalog is first needed.</summary>
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
    [JsonSerializable(typeof(CatalogJson))]
    private sealed partial class CatalogJsonContext : JsonSerializerContext;
}
