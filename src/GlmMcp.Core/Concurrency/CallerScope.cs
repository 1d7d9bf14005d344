namespace GlmMcp.Core.Concurrency;

/// <summary>
/// Who the current work is for (the MCP session id), flowing with the async call. The server sets it around each tool
/// call; <see cref="FairGate"/> queues by it, so one client's backlog cannot starve another's.
/// </summary>
public static class CallerScope
{
    private static readonly AsyncLocal<string?> _current = new();

    /// <summary>The caller of the work in progress, or null outside a tool call (the CLI, stdio without a session id).</summary>
    public static string? Current => _current.Value;

    /// <summary>Runs the rest of the async flow as <paramref name="caller"/>; disposing restores the previous caller.</summary>
    public static IDisposable Begin(string? caller)
    {
        var previous = _current.Value;
        _current.Value = caller;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}
