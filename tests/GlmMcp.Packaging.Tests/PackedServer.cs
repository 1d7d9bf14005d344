namespace GlmMcp.Packaging.Tests;

/// <summary>
/// The NuGet packages of this checkout, packed once per test run with only this machine's RID (linux-x64) besides the
/// pointer package; the folder is the local feed the tests install from. A self-contained ReadyToRun pack takes a
/// minute or more, so it is cached like an incremental build: the feed is kept under this project's obj/ keyed by
/// <see cref="PackInputs"/> (every source, project and packaging file, the SDK version and the pack arguments) and
/// reused while that key stands; when an input changes, <c>dotnet pack</c> runs again in a mirror of the sources kept
/// beside it, where MSBuild rebuilds only what changed. The checkout's own obj/ and bin/ are never touched.
/// </summary>
public static class PackedServer
{
    public const string PackageId = "GlmMcp";
    public const string Rid = "linux-x64";

    private static readonly Lazy<Task<string>> _feed = new(PackAsync);

    /// <summary>The folder holding <c>GlmMcp.VERSION.nupkg</c> and <c>GlmMcp.linux-x64.VERSION.nupkg</c>.</summary>
    public static Task<string> FeedAsync() => _feed.Value;

    public static string Version { get; } = ReadVersion();

    /// <summary>Where the mirror and the feeds live: tests/GlmMcp.Packaging.Tests/obj/packed-server.</summary>
    public static string CacheFolder { get; } = Checkout.Path("tests", "GlmMcp.Packaging.Tests", "obj", "packed-server");

    private static async Task<string> PackAsync()
    {
        string[] arguments = ["pack", "src/GlmMcp.Server/GlmMcp.Server.csproj", "-c", "Release", "-nologo", "-v", "q", $"-p:GlmMcpPackRids={Rid}"];
        var sdk = await ProcessRun.RunAsync("dotnet", Checkout.Root, TimeSpan.FromMinutes(1), "--version");
        var inputs = new PackInputs(Checkout.Root);
        var key = inputs.Key(sdk.Stdout.Trim(), string.Join(' ', arguments));
        var feed = Path.Join(CacheFolder, $"feed-{key[..16]}");
        if (Directory.Exists(feed))
            return feed;

        var sources = Path.Join(CacheFolder, "sources");
        inputs.MirrorTo(sources);
        var staging = Path.Join(CacheFolder, "feed-staging");
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        var run = await ProcessRun.RunAsync("dotnet", sources, TimeSpan.FromMinutes(15), [.. arguments, "-o", staging]);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack failed ({run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
        foreach (var old in Directory.EnumerateDirectories(CacheFolder, "feed-*").Where(d => d != staging))
            Directory.Delete(old, recursive: true);
        Directory.Move(staging, feed);
        return feed;
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
