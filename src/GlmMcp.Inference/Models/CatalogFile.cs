namespace GlmMcp.Inference.Models;

/// <summary>
/// One file of a catalog model, at <c>{Models:BaseUrl}/{Repo}/resolve/{Revision}/{Path}</c>.
/// <see cref="Size"/> and <see cref="Sha256"/> are checked whenever they are known (null: not yet confirmed).
/// </summary>
public sealed record CatalogFile(ModelFileRole Role, string Repo, string Revision, string Path, long? Size, string? Sha256)
{
    /// <summary>The file's place under the cache folder: <c>{repo}/{revision}/{path}</c>.</summary>
    public string CacheRelativePath => System.IO.Path.Join(Repo, Revision, Path);
}
