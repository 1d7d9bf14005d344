namespace GlmMcp.Core.Sessions;

/// <summary>Where sessions live. Section <c>Sessions</c>; env <c>GLM_MCP_Sessions__Workspace</c>.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>The folder that holds one sub-folder per session; default <c>glm-mcp/sessions</c> under the user's data folder.</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// How long a change waits for another glm-mcp process that is changing the same session (the exclusive lock on
    /// the session's <c>write.lock</c>) before it gives up with an error that says to retry; default 30 seconds.
    /// </summary>
    public double LockTimeoutSeconds { get; set; } = 30;

    /// <summary>The workspace as an absolute path, the default filled in.</summary>
    public string ResolveWorkspace() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Workspace)
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "glm-mcp", "sessions")
            : Workspace);
}
