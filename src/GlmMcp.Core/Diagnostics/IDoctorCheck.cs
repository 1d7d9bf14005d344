namespace GlmMcp.Core.Diagnostics;

/// <summary>One line group of <c>glm-mcp doctor</c>: what the server will use, and whether it works.</summary>
public interface IDoctorCheck
{
    /// <summary>Runs the check. Implementations never throw for an expected failure; they return a failed result
    /// with a fix-it line instead.</summary>
    Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken);
}
