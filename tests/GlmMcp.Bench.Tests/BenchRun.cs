namespace GlmMcp.Bench.Tests;

/// <summary>Runs one <c>glm-mcp-bench</c> verb (the apphost copied beside the tests) to completion and captures its output.</summary>
public static class BenchRun
{
    public static Task<ProcessRun> RunAsync(string workingDirectory, params string[] args) =>
        ProcessRun.RunAsync(Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "glm-mcp-bench.exe" : "glm-mcp-bench"),
            workingDirectory, TimeSpan.FromMinutes(3), args);
}
