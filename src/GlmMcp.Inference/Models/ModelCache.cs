using System.Collections.Concurrent;
using GlmMcp.Inference.Local.Gguf;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Models;

/// <summary>The cache folder's layout: <c>{CacheDir}/{repo}/{revision}/{path}</c>, a download in progress beside it as <c>.part</c>.</summary>
public sealed class ModelCache(IOptions<ModelsOptions> options)
{
    public const string PartialSuffix = ".part";

    // The GGUF check reads the whole header (the vocabulary too), and the local engine asks on every call: each
    // version of a file (path, size, last write) is checked once.
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), string?> _ggufChecks = new();

    public string Root => options.Value.ResolvedCacheDir;

    public string PathOf(CatalogFile file) => Path.Join(Root, file.CacheRelativePath);

    public string PartialPathOf(CatalogFile file) => PathOf(file) + PartialSuffix;

    /// <summary>True when the file is complete in the cache: there, of the catalog size when that is known, and (a
    /// GGUF) long enough for every tensor its header lists.</summary>
    public bool IsCached(CatalogFile file) => Problem(file) is null;

    /// <summary>Why the cached file cannot be used (missing, the wrong size, a GGUF cut off), or null when it can.</summary>
    public string? Problem(CatalogFile file)
    {
        var info = new FileInfo(PathOf(file));
        if (!info.Exists)
            return "is not downloaded";
        if (file.Size is { } size && info.Length != size)
            return $"has {info.Length} bytes where {size} are expected";
        return _ggufChecks.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key => GgufProblem(key.Path, key.Length));
    }

    /// <summary>
    /// Why a file that starts like a GGUF is not a whole one (its header or tensor list cut off, or its tensors
    /// reaching past its end), or null. Files without the GGUF magic are left to the size and hash checks and to the
    /// engine's own validation.
    /// </summary>
    internal static string? GgufProblem(string path, long length)
    {
        try
        {
            if (!GgufMetadataReader.HasGgufMagic(path))
                return null;
            var required = GgufMetadataReader.RequiredLength(path);
            return required > length ? $"is cut off: its tensors need {required} bytes, it has {length}" : null;
        }
        catch (InvalidDataException e)
        {
            return $"is a damaged GGUF ({e.Message})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read ({e.Message})";
        }
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
