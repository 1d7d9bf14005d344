namespace GlmMcp.Core;

/// <summary>
/// Reports on the caller's thread, in order, before the reporting call returns. <see cref="Progress{T}"/> posts each
/// report to the thread pool instead, so one could land after the operation ended: an MCP client drops progress
/// notifications that arrive after the tool's result.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
