namespace GlmMcp.Core.Rendering;

/// <summary>What one render collects from its page's events: the sandbox it enforces, blocked URLs, console errors.</summary>
internal sealed class RenderCapture(RenderSandbox sandbox)
{
    /// <summary>Cap on each list, so a page that fires requests in a loop cannot grow the result without bound.</summary>
    private const int MaxEntries = 200;

    /// <summary>Long <c>data:</c> URLs and messages are cut to this many characters.</summary>
    private const int MaxEntryLength = 300;

    /// <summary>Chromium's console echo of a request the sandbox blocked; already listed in the blocked requests.</summary>
    private const string BlockedEcho = "Failed to load resource: net::ERR_BLOCKED_BY_CLIENT";

    private readonly List<string> _blocked = [];
    private readonly List<string> _consoleErrors = [];

    public RenderSandbox Sandbox { get; } = sandbox;

    /// <summary>Lists a blocked URL once, however many of Chromium's events report it.</summary>
    public void Blocked(string url) => Add(_blocked, url, once: true);

    public void ConsoleError(string message)
    {
        if (!message.StartsWith(BlockedEcho, StringComparison.Ordinal))
            Add(_consoleErrors, message);
    }

    public IReadOnlyList<string> BlockedRequests()
    {
        lock (_blocked)
            return _blocked.ToArray();
    }

    public IReadOnlyList<string> ConsoleErrors()
    {
        lock (_consoleErrors)
            return _consoleErrors.ToArray();
    }

    private static void Add(List<string> list, string entry, bool once = false)
    {
        if (entry.Length > MaxEntryLength)
            entry = entry[..MaxEntryLength] + "…";
        lock (list)
        {
            if (list.Count < MaxEntries && !(once && list.Contains(entry)))
                list.Add(entry);
        }
    }
}
