using System.Diagnostics;

namespace GlmMcp.Testing;

/// <summary>One run of a command-line program to completion: its exit code and output (stdin closed at once).</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public static Task<ProcessRun> RunAsync(string file, string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(file, workingDirectory, timeout, new Dictionary<string, string?>(), args);

    /// <summary>The same with <paramref name="environment"/> added to (or, for a null value, removed from) this process's environment.</summary>
    public static async Task<ProcessRun> RunAsync(string file, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{System.IO.Path.GetFileName(file)} {string.Join(' ', args)} did not exit within {timeout.TotalSeconds:0} s.");
        }
        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
