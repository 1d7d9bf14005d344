using System.Globalization;
using System.Text.RegularExpressions;

namespace GlmMcp.Bench.Tests;

/// <summary>Runs one <c>glm-mcp-bench</c> verb (the apphost copied beside the tests) to completion and captures its output.</summary>
public static class BenchRun
{
    /// <summary>
    /// The tests check what a verb reports, not how fast: a render may take 60 s (the product's 15 s would fail a
    /// verb on a machine loaded by other tests), and a verb 10 minutes before it counts as hung.
    /// </summary>
    private static readonly Dictionary<string, string?> Environment = new() { ["GLM_MCP_Rendering__TimeoutSeconds"] = "60" };

    public static Task<ProcessRun> RunAsync(string workingDirectory, params string[] args) =>
        ProcessRun.RunAsync(Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "glm-mcp-bench.exe" : "glm-mcp-bench"),
            workingDirectory, TimeSpan.FromMinutes(10), Environment, args);

    /// <summary>The median of the report row <paramref name="name"/> (a <c>BenchReport</c> table), failing when there is none.</summary>
    public static double Row(string report, string name)
    {
        var match = Regex.Match(report, "^" + Regex.Escape(name) + @"\s+(?<median>[0-9.]+)\s", RegexOptions.Multiline);
        Assert.True(match.Success, $"no row '{name}' in:\n{report}");
        return double.Parse(match.Groups["median"].Value, CultureInfo.InvariantCulture);
    }
}
