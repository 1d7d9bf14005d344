namespace GlmMcp.Core.Security;

/// <summary>
/// The allowed roots of the work in progress, flowing with the async call. The server sets them around each tool
/// call and resource request (the client's roots narrowed to the server's), the <c>code</c> verb around its run.
/// <see cref="Sessions.SessionStore"/> records them in the sessions it creates and, while they are set, neither lists
/// nor reads a session created under other roots: sessions stay private to the workspace they were made in.
/// </summary>
public static class CallerRoots
{
    private static readonly AsyncLocal<AllowedRoots?> _current = new();

    /// <summary>The roots of the work in progress, or null when nobody set them (a library caller, a test).</summary>
    public static AllowedRoots? Current => _current.Value;

    /// <summary>Runs the rest of the async flow under <paramref name="roots"/>; disposing restores the previous ones.</summary>
    public static IDisposable Begin(AllowedRoots roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var previous = _current.Value;
        _current.Value = roots;
        return new Restore(previous);
    }

    private sealed class Restore(AllowedRoots? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}
