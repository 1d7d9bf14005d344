using System.Globalization;
using System.Text.RegularExpressions;

namespace GlmMcp.Bench.Tests;

/// <summary>Runs one <c>glm-mcp-bench</c> verb (the apphost copied beside the tests) to completion and captures its output.</summary>
public static class BenchRun
{
    public static Task<ProcessRun> RunAsync(string workingDirectory, params string[] args) =>
        ProcessRun.RunAsync(Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "glm-mcp-bench.exe" : "glm-mcp-bench"),
            workingDirectory, TimeSpan.FromMinutes(3), args);

    /// <summary>The median column of the report row named <paramref name="name"/>.</summary>
    public static double Row(string report, string name)
    {
        var match = Regex.Match(report, "^" + Regex.Escape(name) + @"\s+(?<median>[0-9.]+)\s", RegexOptions.Multiline);
        Assert.True(match.Success, $"no row '{name}' in:\n{report}");
        return double.Parse(match.Groups["median"].Value, CultureInfo.InvariantCulture);
    }
}
