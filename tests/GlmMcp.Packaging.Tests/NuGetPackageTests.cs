using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Packaging.Tests;

public sealed class NuGetPackageTests
{
    private static readonly TimeSpan _install = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_pointer_package_is_an_MCP_server_tool_that_embeds_server_json_and_names_the_platform_package()
    {
        var feed = await PackedServer.FeedAsync();
        using var package = ZipFile.OpenRead(Path.Join(feed, $"{PackedServer.PackageId}.{PackedServer.Version}.nupkg"));

        var nuspec = XDocument.Load(package.GetEntry($"{PackedServer.PackageId}.nuspec")!.Open());
        var types = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")).ToList();
        Assert.Contains("McpServer", types);
        Assert.Contains("DotnetTool", types);
        using (var embedded = new StreamReader(package.GetEntry(".mcp/server.json")!.Open()))
            Assert.Equal(await File.ReadAllTextAsync(Checkout.Path("src", "GlmMcp.Server", ".mcp", "server.json")), await embedded.ReadToEndAsync());
        var settings = XDocument.Load(package.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
        Assert.Equal("glm-mcp", (string?)settings.Descendants("Command").Single().Attribute("Name"));
        var platform = settings.Descendants("RuntimeIdentifierPackage").Single();
        Assert.Equal((PackedServer.Rid, $"{PackedServer.PackageId}.{PackedServer.Rid}"), ((string?)platform.Attribute("RuntimeIdentifier"), (string?)platform.Attribute("Id")));
        Assert.DoesNotContain(package.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_platform_package_is_self_contained_ReadyToRun_and_carries_only_its_own_platforms_native_libraries()
    {
        var feed = await PackedServer.FeedAsync();
        using var package = ZipFile.OpenRead(Path.Join(feed, $"{PackedServer.PackageId}.{PackedServer.Rid}.{PackedServer.Version}.nupkg"));
        var folder = $"tools/any/{PackedServer.Rid}/";
        var names = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith(folder, StringComparison.Ordinal)).Select(n => n[folder.Length..]).ToHashSet();

        Assert.Contains("glm-mcp", names);
        Assert.Contains("libcoreclr.so", names);
        Assert.Contains("libSkiaSharp.so", names);
        Assert.Contains(names, n => n.StartsWith($"runtimes/{PackedServer.Rid}/native/", StringComparison.Ordinal) && n.EndsWith("libllama.so", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("runtimes/", StringComparison.Ordinal) && !n.StartsWith($"runtimes/{PackedServer.Rid}/", StringComparison.Ordinal));
        using var server = new MemoryStream();
        await using (var entry = package.GetEntry(folder + "glm-mcp.dll")!.Open())
            await entry.CopyToAsync(server);
        server.Position = 0;
        using var pe = new PEReader(server);
        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "glm-mcp.dll is not ReadyToRun-compiled");
    }

    [Fact]
    public async Task Dnx_runs_the_package_from_a_local_feed_and_an_MCP_client_lists_its_tools_and_diffs_two_images()
    {
        var feed = await PackedServer.FeedAsync();
        using var cache = new TempFolder();
        using var work = new TempFolder();
        var before = work.Write("before.png", Square(changed: false));
        var after = work.Write("after.png", Square(changed: true));
        var stderr = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "glm-mcp (dnx)",
            Command = "dotnet",
            Arguments = ["dnx", PackedServer.PackageId, "--source", feed, "--yes", "--", "serve"],
            WorkingDirectory = work.Path,
            EnvironmentVariables = PackedServer.DotnetEnvironment(Path.Join(cache.Path, "packages")),
            StandardErrorLines = line => { lock (stderr) stderr.Add(line); },
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        });
        using var timeout = new CancellationTokenSource(_install);

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
        var diff = await client.CallToolAsync("visual_diff", new Dictionary<string, object?> { ["before"] = before, ["after"] = after, ["diff_image"] = "none" }, cancellationToken: timeout.Token);

        Assert.Equal("glm-mcp", client.ServerInfo!.Name);
        Assert.Equal(PackedServer.Version, client.ServerInfo.Version);
        Assert.Subset(tools.Select(t => t.Name).ToHashSet(), new HashSet<string> { "render_page", "visual_diff", "describe_image", "screenshot_to_code", "locate_and_edit" });
        Assert.NotEqual(true, diff.IsError);
        using var result = JsonDocument.Parse(Assert.IsType<TextContentBlock>(diff.Content[0]).Text);
        Assert.Equal(4, result.RootElement.GetProperty("diffPixels").GetInt64());
        Assert.True(Directory.Exists(Path.Join(cache.Path, "packages", $"{PackedServer.PackageId}.{PackedServer.Rid}".ToLowerInvariant())),
            "dnx did not install the platform package: " + string.Join('\n', stderr));
    }

    [Fact]
    public async Task Dotnet_tool_install_from_a_local_feed_gives_a_glm_mcp_command_of_this_version()
    {
        var feed = await PackedServer.FeedAsync();
        using var cache = new TempFolder();
        using var tools = new TempFolder();

        var install = await ProcessRun.RunAsync("dotnet", tools.Path, _install, PackedServer.DotnetEnvironment(Path.Join(cache.Path, "packages")),
            "tool", "install", PackedServer.PackageId, "--tool-path", tools.Path, "--source", feed);
        var version = await ProcessRun.RunAsync(Path.Join(tools.Path, "glm-mcp"), tools.Path, TimeSpan.FromMinutes(1), "--version");

        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(PackedServer.Version, version.Stdout.Trim(), StringComparison.Ordinal);
    }

    /// <summary>A 16×16 white RGB PNG; <paramref name="changed"/> paints a 2×2 red block in it.</summary>
    private static byte[] Square(bool changed)
    {
        var rows = Enumerable.Range(0, 16).Select(y => Enumerable.Range(0, 16).SelectMany(x =>
            changed && x is 7 or 8 && y is 7 or 8 ? new byte[] { 255, 0, 0 } : new byte[] { 255, 255, 255 }).ToArray()).ToArray();
        return PngBuilder.Build(16, 16, PngBuilder.Rgb, 8, rows);
    }
}
