using System.Diagnostics;

namespace GlmMcp.Bench.Tests;

/// <summary>Runs one <c>glm-mcp-bench</c> verb (the apphost copied beside the tests) to completion and captures its output.</summary>
public sealed record BenchRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<BenchRun> RunAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "glm-mcp-bench.exe" : "glm-mcp-bench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new BenchRun(process.ExitCode, await stdout, await stderr);
    }
}
