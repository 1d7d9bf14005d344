using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Security;

namespace GlmMcp.Server.Hosting;

/// <summary>Doctor line for the folders tools may touch when the client sends no roots.</summary>
internal sealed class RootsDoctorCheck(AllowedRoots configured) : IDoctorCheck
{
    public Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DoctorCheckResult>>(
        [
            DoctorCheckResult.Ok("roots", string.Join(", ", configured.Roots) +
                " (roots an MCP client sends can only narrow these, except over stdio without --root, where they replace the working directory)"),
        ]);
}
