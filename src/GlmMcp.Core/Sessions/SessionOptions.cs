using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Settings;

namespace GlmMcp.Core.Sessions;

/// <summary>Where sessions live. Section <c>Sessions</c>; env <c>GLM_MCP_Sessions__Workspace</c>.</summary>
public sealed class SessionOptions : IValidatableObject
{
    public const string Section = "Sessions";

    /// <summary>The folder that holds one sub-folder per session; default <c>glm-mcp/sessions</c> under the user's data folder.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// How long a change waits for another glm-mcp process that is changing the same session (the exclusive lock on
    /// the session's <c>write.lock</c>) before it gives up with an error that says to retry; default 30 seconds.
    /// </summary>
    [SettingRange(0d, 3600d, MinimumIsExclusive = true,
        ErrorMessage = "Sessions:LockTimeoutSeconds must be above {1} and at most {2} seconds, got {0}.")]
    public double LockTimeoutSeconds { get; set; } = 30;

    /// <summary>The workspace as an absolute path, the default filled in.</summary>
    public string ResolveWorkspace() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Workspace)
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "glm-mcp", "sessions")
            : Workspace);

    /// <summary>Refuses a workspace that is not a usable folder path (a file, or not a path at all).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsUsable(Workspace))
            yield return new ValidationResult($"Sessions:Workspace '{Workspace}' is not a folder path: name a folder (it is created when missing).");
    }

    private static bool IsUsable(string? workspace)
    {
        if (string.IsNullOrWhiteSpace(workspace))
            return true;
        try
        {
            Path.GetFullPath(workspace);
            return !File.Exists(workspace);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
