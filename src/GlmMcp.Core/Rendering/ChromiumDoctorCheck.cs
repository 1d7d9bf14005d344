using GlmMcp.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Rendering;

/// <summary>Doctor line for the browser <c>render_page</c> will launch: its path and version, or how to install one.</summary>
internal sealed class ChromiumDoctorCheck(IOptions<RenderingOptions> options) : IDoctorCheck
{
    public async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var info = await ChromiumInfo.ProbeAsync(options.Value, cancellationToken).ConfigureAwait(false);
            return [DoctorCheckResult.Ok("chromium", $"{info.Version} at {info.Path} (render timeout {options.Value.TimeoutSeconds} s, {options.Value.PoolSize} tabs)")];
        }
        catch (UserInputException e)
        {
            return [DoctorCheckResult.Fail("chromium", e.Message,
                $"{ChromiumLocator.InstallCommand()}, or point --chromium (GLM_MCP_Rendering__ChromiumPath) at a Chromium or Chrome executable")];
        }
    }
}
