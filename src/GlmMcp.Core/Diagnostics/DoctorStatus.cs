namespace GlmMcp.Core.Diagnostics;

/// <summary>Outcome of a doctor line; any <see cref="Failed"/> makes <c>glm-mcp doctor</c> exit non-zero.</summary>
public enum DoctorStatus
{
    Ok,
    Warning,
    Failed,
}
