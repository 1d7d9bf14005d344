namespace GlmMcp.Inference.Local;

/// <summary>
/// Where the local engine gets its model files. The engine does not know whether they were configured, cached or
/// are being downloaded; an implementation may report download progress (0..1) and throw
/// <see cref="GlmMcp.Core.UserInputException"/> saying how to get the model when it has none.
/// </summary>
public interface ILocalModelFiles
{
    ValueTask<LocalModelPaths> ResolveAsync(IProgress<double>? progress, CancellationToken cancellationToken);
}
