using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Inference.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// The server's tools, prompts and resource templates: this assembly's <c>[McpServerTool]</c>, <c>[McpServerPrompt]</c> and
/// <c>[McpServerResource]</c> methods. Building them derives every argument's JSON schema by reflection, which was half of
/// a cold start; so they are built on a worker thread once the client's first list is answered (see
/// <see cref="McpServerRegistration"/>), or at the first call, and <c>initialize</c> is answered without them. (Building
/// them while <c>initialize</c> is being answered slowed that answer more than building them first: both fight over the
/// JIT and the type loader.)
/// The lists are answered from <see cref="McpCatalogSnapshot"/>, the same JSON without the reflection, so a client's
/// first <c>tools/list</c> does not wait for the build; calls, prompts and reads wait for it.
/// The request handlers in <see cref="McpServerRegistration"/> serve from here.
/// </summary>
internal sealed class McpPrimitiveCatalog(IServiceProvider services)
{
    private const BindingFlags AllMethods = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    private int _warmUpClaimed;

    private readonly Lazy<McpCatalogSnapshot> snapshot = new(() => McpCatalogSnapshot.Load(ModelIsRemote(services)));

    private readonly Lazy<Task<Primitives>> primitives = new(() => Task.Run(() =>
    {
        var started = Stopwatch.GetTimestamp();
        var built = Build(services);
        services.GetRequiredService<ILogger<McpPrimitiveCatalog>>().LogDebug(
            "Built {Tools} tools, {Prompts} prompts and {Resources} resource templates in {Ms:0} ms",
            built.Tools.Count, built.Prompts.Count, built.ResourceTemplates.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return built;
    }));

    /// <summary>What the catalog serves, by the names clients call them.</summary>
    internal sealed record Primitives(
        IReadOnlyDictionary<string, McpServerTool> Tools,
        IReadOnlyDictionary<string, McpServerPrompt> Prompts,
        IReadOnlyList<McpServerResource> ResourceTemplates);

    /// <summary>True for the first caller only: the one that starts the build and what follows it after the first answer.</summary>
    public bool ClaimWarmUp() => Interlocked.Exchange(ref _warmUpClaimed, 1) == 0;

    /// <summary>Starts building on a worker thread, without waiting; later calls return the same build.</summary>
    public Task StartBuilding() => primitives.Value;

    public Task<Primitives> GetAsync(CancellationToken cancellationToken) => primitives.Value.WaitAsync(cancellationToken);

    public ValueTask<ListToolsResult> ListToolsAsync() => ValueTask.FromResult(new ListToolsResult { Tools = snapshot.Value.Tools });

    public async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name;
        if (name is null || !(await GetAsync(cancellationToken)).Tools.TryGetValue(name, out var tool))
            throw new McpProtocolException($"Unknown tool: '{InputEcho.Truncate(name)}'.", McpErrorCode.InvalidParams);
        // Checked here, once for every tool, so a wrong argument never reaches the SDK's generic binding error.
        ToolArgumentChecker.Check(name, tool.ProtocolTool.InputSchema, request.Params!.Arguments);
        return await tool.InvokeAsync(request, cancellationToken);
    }

    public ValueTask<ListPromptsResult> ListPromptsAsync() => ValueTask.FromResult(new ListPromptsResult { Prompts = snapshot.Value.Prompts });

    public async ValueTask<GetPromptResult> GetPromptAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name;
        if (name is null || !(await GetAsync(cancellationToken)).Prompts.TryGetValue(name, out var prompt))
            throw new McpProtocolException($"Unknown prompt: '{InputEcho.Truncate(name)}'.", McpErrorCode.InvalidParams);
        CheckPromptArguments(prompt.ProtocolPrompt, request.Params!.Arguments);
        return await prompt.GetAsync(request, cancellationToken);
    }

    /// <summary>An unknown or missing prompt argument is an invalid-params error that names it and says what it takes.</summary>
    private static void CheckPromptArguments(Prompt prompt, IDictionary<string, JsonElement>? arguments)
    {
        var declared = prompt.Arguments ?? [];
        foreach (var name in arguments?.Keys ?? [])
        {
            if (!declared.Any(a => a.Name == name))
                throw new McpProtocolException(
                    $"{prompt.Name} has no argument '{InputEcho.Truncate(name)}'. Its arguments are: {string.Join(", ", declared.Select(a => a.Name))}.",
                    McpErrorCode.InvalidParams);
        }
        foreach (var argument in declared.Where(a => a.Required == true))
        {
            if (arguments is null || !arguments.TryGetValue(argument.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                throw new McpProtocolException($"{prompt.Name} needs '{argument.Name}': {argument.Description}", McpErrorCode.InvalidParams);
        }
    }

    public ValueTask<ListResourceTemplatesResult> ListResourceTemplatesAsync() =>
        ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = snapshot.Value.ResourceTemplates });

    public async ValueTask<ReadResourceResult> ReadResourceAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri;
        var template = uri is null ? null : (await GetAsync(cancellationToken)).ResourceTemplates.FirstOrDefault(r => r.IsMatch(uri));
        return template is not null
            ? await template.ReadAsync(request, cancellationToken)
            : throw new McpProtocolException($"Resource not found: '{InputEcho.Truncate(uri)}'. Session resources look like glm-mcp://sessions/{{id}}/{{version}}/index.html.",
                McpErrorCode.ResourceNotFound);
    }

    /// <summary>With the <c>openai</c> engine the model is a server elsewhere: the tools that ask it are open-world.</summary>
    private static bool ModelIsRemote(IServiceProvider services) => services.GetService<IOptions<EngineOptions>>()?.Value.Kind == EngineKind.OpenAi;

    /// <summary>What <c>WithToolsFromAssembly</c>, <c>WithPromptsFromAssembly</c> and <c>WithResources</c> would register.</summary>
    private static Primitives Build(IServiceProvider services)
    {
        var tools = new Dictionary<string, McpServerTool>(StringComparer.Ordinal);
        var prompts = new Dictionary<string, McpServerPrompt>(StringComparer.Ordinal);
        var resources = new List<McpServerResource>();
        var modelIsRemote = ModelIsRemote(services);
        foreach (var type in typeof(McpPrimitiveCatalog).Assembly.GetTypes())
        {
            var isTools = type.IsDefined(typeof(McpServerToolTypeAttribute));
            var isPrompts = type.IsDefined(typeof(McpServerPromptTypeAttribute));
            var isResources = type.IsDefined(typeof(McpServerResourceTypeAttribute));
            if (!isTools && !isPrompts && !isResources)
                continue;
            foreach (var method in type.GetMethods(AllMethods))
            {
                if (isTools && method.IsDefined(typeof(McpServerToolAttribute)))
                {
                    var options = new McpServerToolCreateOptions { Services = services };
                    var tool = method.IsStatic
                        ? McpServerTool.Create(method, target: null, options)
                        : McpServerTool.Create(method, r => Target(r.Services, type), options);
                    ToolSchemaShaper.Shape(tool.ProtocolTool);
                    if (modelIsRemote && method.IsDefined(typeof(UsesModelAttribute)) && tool.ProtocolTool.Annotations is { } annotations)
                        annotations.OpenWorldHint = true;
                    tools.Add(tool.ProtocolTool.Name, tool);
                }
                else if (isPrompts && method.IsDefined(typeof(McpServerPromptAttribute)))
                {
                    var options = new McpServerPromptCreateOptions { Services = services };
                    var prompt = method.IsStatic
                        ? McpServerPrompt.Create(method, target: null, options)
                        : McpServerPrompt.Create(method, r => Target(r.Services, type), options);
                    prompts.Add(prompt.ProtocolPrompt.Name, prompt);
                }
                else if (isResources && method.IsDefined(typeof(McpServerResourceAttribute)))
                {
                    var options = new McpServerResourceCreateOptions { Services = services };
                    resources.Add(method.IsStatic
                        ? McpServerResource.Create(method, target: null, options)
                        : McpServerResource.Create(method, r => Target(r.Services, type), options));
                }
            }
        }
        return new Primitives(tools, prompts, resources);
    }

    private static object Target(IServiceProvider? requestServices, Type type) =>
        requestServices is null ? Activator.CreateInstance(type)! : ActivatorUtilities.CreateInstance(requestServices, type);
}
