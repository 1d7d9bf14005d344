using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Settings;

namespace GlmMcp.Core.Rendering;

/// <summary>How pages are rendered. Section <c>Rendering</c>; env <c>GLM_MCP_Rendering__TimeoutSeconds</c>…</summary>
public sealed class RenderingOptions : IValidatableObject
{
    public const string Section = "Rendering";

    /// <summary>Largest pool the renderer keeps: each page holds a Chromium renderer process (~30–60 MB).</summary>
    public const int MaxPoolSize = 16;

    /// <summary>Chromium or Chrome executable. Empty: <c>PUPPETEER_EXECUTABLE_PATH</c>, then the usual install paths.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>Longest a render may take (page load, scripts, screenshot), in seconds.</summary>
    [SettingRange(1, 600, ErrorMessage = "Rendering:TimeoutSeconds must be between {1} and {2}, got {0} (GLM_MCP_Rendering__TimeoutSeconds).")]
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Pages kept open and reused between renders; also the number of renders that run at once.</summary>
    [SettingRange(1, MaxPoolSize, ErrorMessage = "Rendering:PoolSize must be between {1} and {2}, got {0} (GLM_MCP_Rendering__PoolSize).")]
    public int PoolSize { get; set; } = 2;

    /// <summary>
    /// Renders one MCP session may have waiting for a slot (parallel edits, a refine loop beside screenshots); one more
    /// is refused at once with "busy, retry in N s", so a flooding client cannot build an endless backlog.
    /// </summary>
    [SettingRange(0, 1000, ErrorMessage = "Rendering:MaxQueuedPerClient must be between {1} and {2}, got {0} (GLM_MCP_Rendering__MaxQueuedPerClient).")]
    public int MaxQueuedPerClient { get; set; } = 8;

    /// <summary>
    /// Start Chromium in the background as soon as an MCP client has connected (after the handshake), so the first
    /// render does not wait for the launch. <c>false</c>: Chromium starts at the first render.
    /// </summary>
    public bool Prelaunch { get; set; } = true;

    /// <summary>Extra Chromium command-line switches (e.g. <c>--lang=de</c>), added after the built-in ones.</summary>
    public List<string> ExtraArgs { get; set; } = [];

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>
    /// How long a screenshot waits for its tab's frame before the tab is brought to the front and asked again. Not a
    /// setting (internal, so configuration never binds it): tests shorten it to run the asking-again path.
    /// </summary>
    internal TimeSpan FrameWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Refuses extra Chromium arguments that are not switches, naming the first.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ExtraArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } bad)
            yield return new ValidationResult($"Rendering:ExtraArgs must be Chromium switches starting with '--', got '{bad}'.");
    }
}
