namespace GlmMcp.Inference.Local;

/// <summary>Which files a load used, as they were: path, size and last write time of the text GGUF and the mmproj.
/// Equal stamps mean the same bytes for all practical purposes; replacing or touching a file changes its stamp.</summary>
internal sealed record LocalModelFilesStamp(string ModelPath, long ModelSize, DateTime ModelWritten, string? MmprojPath, long MmprojSize,
    DateTime MmprojWritten)
{
    public static LocalModelFilesStamp Of(LocalModelPaths paths)
    {
        var model = new FileInfo(paths.ModelPath);
        var mmproj = string.IsNullOrWhiteSpace(paths.MmprojPath) ? null : new FileInfo(paths.MmprojPath);
        return new LocalModelFilesStamp(model.FullName, model.Exists ? model.Length : -1, model.Exists ? model.LastWriteTimeUtc : default,
            mmproj?.FullName, mmproj is { Exists: true } ? mmproj.Length : -1, mmproj is { Exists: true } ? mmproj.LastWriteTimeUtc : default);
    }
}
