namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>Runs one <c>glm-mcp</c> verb to completion and captures its exit code and output.</summary>
public static class CliRun
{
    public static Task<ProcessRun> RunAsync(string workingDirectory, params string[] args) =>
        ProcessRun.RunAsync(ServerBinary.Path, workingDirectory, TimeSpan.FromMinutes(2), args);
}
