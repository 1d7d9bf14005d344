using System.Diagnostics;

namespace GlmMcp.Core.Rendering;

/// <summary>Which browser the renderer will launch, for <c>glm-mcp doctor</c>.</summary>
/// <param name="Path">The executable.</param>
/// <param name="Version">What it prints for <c>--version</c>, e.g. <c>Chromium 156.0.8078.108</c>.</param>
public sealed record ChromiumInfo(string Path, string Version)
{
    private static readonly TimeSpan _versionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Locates the browser and asks it for its version; <see cref="UserInputException"/> when it is missing or broken.</summary>
    public static async Task<ChromiumInfo> ProbeAsync(RenderingOptions options, CancellationToken cancellationToken = default)
    {
        var path = ChromiumLocator.Locate(options);
        var start = new ProcessStartInfo(path, "--version")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new UserInputException($"Could not start Chromium at {path}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(_versionTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new UserInputException($"Chromium at {path} did not answer '--version' within {_versionTimeout.TotalSeconds:0} s; reinstall it: {ChromiumLocator.InstallCommand()}.");
        }
        var version = (await output.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0 || version.Length == 0)
            throw new UserInputException($"Chromium at {path} failed to run (exit code {process.ExitCode}); reinstall it: {ChromiumLocator.InstallCommand()}.");
        return new ChromiumInfo(path, version);
    }
}
