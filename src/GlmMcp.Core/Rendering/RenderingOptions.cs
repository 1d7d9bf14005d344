namespace GlmMcp.Core.Rendering;

/// <summary>How pages are rendered. Section <c>Rendering</c>; env <c>GLM_MCP_Rendering__TimeoutSeconds</c>…</summary>
public sealed class RenderingOptions
{
    public const string Section = "Rendering";

    /// <summary>Largest pool the renderer keeps: each page holds a Chromium renderer process (~30–60 MB).</summary>
    public const int MaxPoolSize = 16;

    /// <summary>Chromium or Chrome executable. Empty: <c>PUPPETEER_EXECUTABLE_PATH</c>, then the usual install paths.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>Longest a render may take (page load, scripts, screenshot), in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Pages kept open and reused between renders; also the number of renders that run at once.</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>
    /// Renders one MCP session may have waiting for a slot (parallel edits, a refine loop beside screenshots); one more
    /// is refused at once with "busy, retry in N s", so a flooding client cannot build an endless backlog.
    /// </summary>
    public int MaxQueuedPerClient { get; set; } = 8;

    /// <summary>
    /// Start Chromium in the background as soon as an MCP client has connected (after the handshake), so the first
    /// render does not wait for the launch. <c>false</c>: Chromium starts at the first render.
    /// </summary>
    public bool Prelaunch { get; set; } = true;

    /// <summary>Extra Chromium command-line switches (e.g. <c>--lang=de</c>), added after the built-in ones.</summary>
    public List<string> ExtraArgs { get; set; } = [];

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>Throws <see cref="UserInputException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (TimeoutSeconds is < 1 or > 600)
            throw new UserInputException(
                $"Rendering:TimeoutSeconds must be between 1 and 600, got {TimeoutSeconds} (GLM_MCP_Rendering__TimeoutSeconds).");
        if (PoolSize is < 1 or > MaxPoolSize)
            throw new UserInputException(
                $"Rendering:PoolSize must be between 1 and {MaxPoolSize}, got {PoolSize} (GLM_MCP_Rendering__PoolSize).");
        if (MaxQueuedPerClient is < 0 or > 1000)
            throw new UserInputException(
                $"Rendering:MaxQueuedPerClient must be between 0 and 1000, got {MaxQueuedPerClient} (GLM_MCP_Rendering__MaxQueuedPerClient).");
        if (ExtraArgs.Any(a => !a.StartsWith("--", StringComparison.Ordinal)))
            throw new UserInputException(
                $"Rendering:ExtraArgs must be Chromium switches starting with '--', got '{ExtraArgs.First(a => !a.StartsWith("--", StringComparison.Ordinal))}'.");
    }
}
