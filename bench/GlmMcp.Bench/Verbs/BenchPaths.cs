using GlmMcp.Core;

namespace GlmMcp.Bench.Verbs;

/// <summary>Where the benchmarks find the server they start and the npm anchors they compare with.</summary>
internal static class BenchPaths
{
    /// <summary>The <c>glm-mcp</c> apphost, copied beside this executable by the project reference.</summary>
    public static string ServerExecutable
    {
        get
        {
            var path = Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "glm-mcp.exe" : "glm-mcp");
            return File.Exists(path)
                ? path
                : throw new UserInputException($"glm-mcp was not built beside the benchmarks ({path}); build bench/GlmMcp.Bench again.");
        }
    }

    /// <summary>Walks up from this executable to the checkout's <c>bench/anchors</c>, where the anchors' npm packages live.</summary>
    public static string? FindCheckoutAnchors()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Join(dir.FullName, "bench", "anchors");
            if (File.Exists(Path.Join(dir.FullName, "GlmMcp.sln")) && Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
