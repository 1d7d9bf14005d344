namespace GlmMcp.Core.Sessions;

/// <summary>Where sessions live. Section <c>Sessions</c>; env <c>GLM_MCP_Sessions__Workspace</c>.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>The folder that holds one sub-folder per session; default <c>glm-mcp/sessions</c> under the user's data folder.</summary>
    public string? Workspace { get; set; }

    /// <summary>The workspace as an absolute path, the default filled in.</summary>
    public string ResolveWorkspace() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(Workspace)
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "glm-mcp", "sessions")
            : Workspace);
}
