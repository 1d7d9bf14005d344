using GlmMcp.Core;
using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Models;

/// <summary>
/// The local engine's <see cref="ILocalModelFiles"/>: maps <c>Engine:Model</c> (a catalog name, or a GGUF path with
/// <c>Engine:Mmproj</c>; <c>Engine:Local:ModelPath</c>/<c>MmprojPath</c> work too) to files on disk. A catalog model
/// that is not cached yet is pulled when <c>Models:AutoPull</c> is on; otherwise the error names the exact
/// <c>glm-mcp pull</c> to run. Concurrent callers share one pull.
/// </summary>
public sealed class CachedModelFiles(
    IOptions<EngineOptions> engine, IOptions<LocalEngineOptions> local, IOptions<ModelsOptions> models, ModelCatalog catalog,
    ModelCache cache, IServiceProvider services) : ILocalModelFiles
{
    public const string CustomName = "custom";

    private readonly SemaphoreSlim _pullLock = new(1, 1);

    /// <summary>True when <c>Engine:Model</c> names files rather than a catalog entry.</summary>
    public static bool IsPath(string? model) =>
        !string.IsNullOrWhiteSpace(model) &&
        (model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || model.Contains('/') || model.Contains('\\'));

    /// <summary>The catalog model <c>Engine:Model</c> names (the catalog default when empty); null for explicit paths.</summary>
    public CatalogModel? ConfiguredCatalogModel => ExplicitModelPath is not null
        ? null
        : catalog.Get(string.IsNullOrWhiteSpace(engine.Value.Model) ? catalog.Default.Name : engine.Value.Model);

    private string? ExplicitModelPath => IsPath(engine.Value.Model) ? engine.Value.Model
        : string.IsNullOrWhiteSpace(engine.Value.Model) && !string.IsNullOrWhiteSpace(local.Value.ModelPath) ? local.Value.ModelPath
        : null;

    private string? ExplicitMmprojPath => string.IsNullOrWhiteSpace(engine.Value.Mmproj) ? local.Value.MmprojPath : engine.Value.Mmproj;

    async ValueTask<LocalModelPaths> ILocalModelFiles.ResolveAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var files = await ResolveAsync(progress, cancellationToken).ConfigureAwait(false);
        return new LocalModelPaths(files.ModelPath, files.MmprojPath);
    }

    /// <summary>The files, pulling them first when allowed. <paramref name="progress"/> gets 0..1 per file downloaded.</summary>
    public async ValueTask<ResolvedModelFiles> ResolveAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (ExplicitModelPath is { } explicitModel)
            return ResolveExplicit(explicitModel, ExplicitMmprojPath);

        var model = ConfiguredCatalogModel!;
        if (!cache.IsCached(model))
        {
            if (!models.Value.AutoPull)
            {
                var problems = model.Files.Select(f => cache.Problem(f) is { } problem ? $"{f.Path} {problem}" : null).OfType<string>();
                throw new UserInputException(
                    $"The local model '{model.Name}' is not ready ({string.Join("; ", problems)}; about " +
                    $"{ModelDownloader.FormatBytes(model.ApproxBytes)} in all). Run `glm-mcp pull {model.Name}`, which downloads what is " +
                    "missing and re-verifies and repairs what is damaged, or start the server with " +
                    "Models:AutoPull=true (GLM_MCP_Models__AutoPull=true) to fetch it on first use. " +
                    "Other engines: --engine openai --base-url … or --engine sampling.");
            }
            await _pullLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!cache.IsCached(model))
                {
                    var fileProgress = progress is null ? null : new SynchronousProgress<DownloadProgress>(p =>
                    {
                        if (p.Fraction is { } fraction)
                            progress.Report(fraction);
                    });
                    await services.GetRequiredService<ModelDownloader>().PullAsync(model, fileProgress, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _pullLock.Release();
            }
        }
        var mmproj = ExplicitMmprojPath is { Length: > 0 } own ? RequireFile(own, "Engine:Mmproj (--mmproj)") : cache.PathOf(model.MmprojFile);
        return new ResolvedModelFiles(model.Name, cache.PathOf(model.ModelFile), mmproj);
    }

    private static ResolvedModelFiles ResolveExplicit(string modelPath, string? mmprojPath)
    {
        var model = RequireFile(modelPath, "Engine:Model (--model)");
        if (string.IsNullOrWhiteSpace(mmprojPath))
        {
            throw new UserInputException(
                $"Engine:Model (--model) is the file {model}, so the vision projector must be given too: " +
                "add --mmproj PATH (the mmproj-*.gguf beside the model in its repository).");
        }
        return new ResolvedModelFiles(CustomName, model, RequireFile(mmprojPath, "Engine:Mmproj (--mmproj)"));
    }

    private static string RequireFile(string path, string setting)
    {
        var full = Path.GetFullPath(path.StartsWith('~')
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..])
            : path);
        return File.Exists(full) ? full : throw new UserInputException($"{setting} points at {full}, which does not exist.");
    }
}
