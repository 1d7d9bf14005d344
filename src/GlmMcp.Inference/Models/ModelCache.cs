using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Models;

/// <summary>The cache folder's layout: <c>{CacheDir}/{repo}/{revision}/{path}</c>, a download in progress beside it as <c>.part</c>.</summary>
public sealed class ModelCache(IOptions<ModelsOptions> options)
{
    public const string PartialSuffix = ".part";

    public string Root => options.Value.ResolvedCacheDir;

    public string PathOf(CatalogFile file) => Path.Join(Root, file.CacheRelativePath);

    public string PartialPathOf(CatalogFile file) => PathOf(file) + PartialSuffix;

    /// <summary>True when the file is complete in the cache (and has the catalog size, when that is known).</summary>
    public bool IsCached(CatalogFile file)
    {
        var info = new FileInfo(PathOf(file));
        return info.Exists && (file.Size is null || info.Length == file.Size);
    }

    /// <summary>Bytes of an interrupted download waiting to be resumed.</summary>
    public long PartialBytes(CatalogFile file)
    {
        var info = new FileInfo(PartialPathOf(file));
        return info.Exists ? info.Length : 0;
    }

    public bool IsCached(CatalogModel model) => model.Files.All(IsCached);

    /// <summary>Bytes of the model's files already in the cache.</summary>
    public long CachedBytes(CatalogModel model) =>
        model.Files.Sum(f => File.Exists(PathOf(f)) ? new FileInfo(PathOf(f)).Length : 0);
}
