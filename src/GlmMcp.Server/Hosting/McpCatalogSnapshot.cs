using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// What <c>tools/list</c>, <c>prompts/list</c> and <c>resources/templates/list</c> answer, read from a snapshot of what
/// <see cref="McpPrimitiveCatalog"/> builds by reflection (<c>McpCatalogSnapshot.json</c> beside this file, embedded):
/// parsing it costs a few milliseconds where deriving every argument's JSON schema cost half of a cold start, so the
/// first list does not wait for the reflection build. The snapshot holds the lists as served with a model that runs
/// here or in the client (engines <c>local</c> and <c>sampling</c>); with <c>openai</c> the model is a server elsewhere
/// and the tools named under <see cref="OpenWorldWhenModelIsRemote"/> are open-world (<see cref="UsesModelAttribute"/>).
/// A test fails when the snapshot differs from the reflection build and rewrites it (README, Development).
/// </summary>
internal sealed class McpCatalogSnapshot
{
    public const string ResourceName = "GlmMcp.Server.McpCatalogSnapshot.json";
    public const string ToolsProperty = "tools";
    public const string OpenWorldWhenModelIsRemote = "openWorldWhenModelIsRemote";
    public const string PromptsProperty = "prompts";
    public const string ResourceTemplatesProperty = "resourceTemplates";

    private McpCatalogSnapshot(IList<Tool> tools, IList<Prompt> prompts, IList<ResourceTemplate> resourceTemplates)
    {
        Tools = tools;
        Prompts = prompts;
        ResourceTemplates = resourceTemplates;
    }

    public IList<Tool> Tools { get; }

    public IList<Prompt> Prompts { get; }

    public IList<ResourceTemplate> ResourceTemplates { get; }

    /// <summary>The embedded snapshot's text, as checked in.</summary>
    public static string ReadText()
    {
        using var reader = new StreamReader(Open());
        return reader.ReadToEnd();
    }

    /// <summary>Parses the embedded snapshot; with <paramref name="modelIsRemote"/> the tools that ask the model are open-world.</summary>
    public static McpCatalogSnapshot Load(bool modelIsRemote)
    {
        using var stream = Open();
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var tools = Items(root, ToolsProperty, Info<Tool>());
        if (modelIsRemote)
        {
            var remote = root.GetProperty(OpenWorldWhenModelIsRemote).EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
            foreach (var tool in tools.Where(t => remote.Contains(t.Name)))
            {
                if (tool.Annotations is { } annotations)
                    annotations.OpenWorldHint = true;
            }
        }
        return new McpCatalogSnapshot(tools, Items(root, PromptsProperty, Info<Prompt>()), Items(root, ResourceTemplatesProperty, Info<ResourceTemplate>()));
    }

    /// <summary>The protocol's own (source-generated) serialization of <typeparamref name="T"/>.</summary>
    internal static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T));

    private static Stream Open() => typeof(McpCatalogSnapshot).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");

    private static List<T> Items<T>(JsonElement root, string property, JsonTypeInfo<T> info) =>
        [.. root.GetProperty(property).EnumerateArray().Select(e => e.Deserialize(info)!)];
}
