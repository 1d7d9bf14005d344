namespace GlmMcp.Packaging.Tests;

/// <summary>
/// The NuGet packages of this checkout, packed once per test run (a self-contained ReadyToRun pack takes a minute or
/// more, too long to repeat per test): the sources are copied to a temp folder and <c>dotnet pack</c> runs there, so
/// the checkout's own obj/ and bin/ are never touched, with only this machine's RID (linux-x64) besides the pointer
/// package. The folder is the local feed the tests install from.
/// </summary>
public static class PackedServer
{
    public const string PackageId = "GlmMcp";
    public const string Rid = "linux-x64";

    private static readonly Lazy<Task<string>> _feed = new(PackAsync);

    /// <summary>The folder holding <c>GlmMcp.VERSION.nupkg</c> and <c>GlmMcp.linux-x64.VERSION.nupkg</c>.</summary>
    public static Task<string> FeedAsync() => _feed.Value;

    public static string Version { get; } = ReadVersion();

    private static async Task<string> PackAsync()
    {
        var root = Directory.CreateTempSubdirectory("glm-mcp-pack-").FullName;
        var sources = Path.Join(root, "src");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            File.Copy(Checkout.Path(file), Path.Join(sources, file).EnsureParent());
        foreach (var folder in new[] { "src", "third_party", "packaging" })
            CopyTree(Checkout.Path(folder), Path.Join(sources, folder));
        var feed = Path.Join(root, "feed");
        var run = await ProcessRun.RunAsync("dotnet", sources, TimeSpan.FromMinutes(15),
            "pack", "src/GlmMcp.Server/GlmMcp.Server.csproj", "-c", "Release", "-o", feed, "-nologo", "-v", "q",
            $"-p:GlmMcpPackRids={Rid}");
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack failed ({run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
        return feed;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules"))
                continue;
            File.Copy(file, Path.Join(to, relative).EnsureParent());
        }
    }

    private static string EnsureParent(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static string ReadVersion()
    {
        var props = System.Xml.Linq.XDocument.Load(Checkout.Path("Directory.Build.props"));
        return props.Descendants("Version").Single().Value;
    }

    /// <summary>
    /// The environment for <c>dotnet dnx</c> / <c>dotnet tool</c>: a private NuGet cache, so a package packed earlier
    /// under the same version is never taken from the user's cache, and no first-run banner or telemetry.
    /// </summary>
    public static Dictionary<string, string?> DotnetEnvironment(string packageCache) => new()
    {
        ["NUGET_PACKAGES"] = packageCache,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };
}
