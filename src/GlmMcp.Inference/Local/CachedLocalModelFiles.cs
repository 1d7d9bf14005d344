using GlmMcp.Inference.Models;

namespace GlmMcp.Inference.Local;

/// <summary>
/// The local engine's files from the model catalog and cache (<c>Engine:Model</c>, <c>Engine:Mmproj</c>): a cached
/// catalog model, a pull when <c>Models:AutoPull</c> allows it, or the user's own GGUF paths.
/// </summary>
public sealed class CachedLocalModelFiles(CachedModelFiles files) : ILocalModelFiles
{
    public async ValueTask<LocalModelPaths> ResolveAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var resolved = await files.ResolveAsync(progress, cancellationToken).ConfigureAwait(false);
        return new LocalModelPaths(resolved.ModelPath, resolved.MmprojPath);
    }
}
