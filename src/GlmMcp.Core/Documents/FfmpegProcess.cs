using System.ComponentModel;
using System.Diagnostics;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Runs ffmpeg or ffprobe with an argument list (never a command line built by concatenation), stdin closed, and both
/// outputs read to the end. Cancelling kills the process and everything it started, and waits for it to be gone.
/// </summary>
internal static class FfmpegProcess
{
    /// <summary>What the process wrote and how it exited.</summary>
    internal sealed record Output(int ExitCode, string Stdout, string Stderr);

    public static async Task<Output> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UserInputException($"Could not start {executable}.");
        }
        catch (Win32Exception e)
        {
            throw new UserInputException($"Could not start {executable} ({e.Message}). {FfmpegLocator.InstallHint()}, or set {DocumentOptions.Section}:FrameSource to chromium.");
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            return new Output(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }
}
