using System.Collections.Concurrent;
using System.Security.Cryptography;
using GlmMcp.Core;
using GlmMcp.Inference.Models;
using GlmMcp.Inference.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Inference.Tests.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly string _cacheDir = Path.Join(Path.GetTempPath(), "glm-mcp-models-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _weights = RandomBytes(3 * 1024 * 1024 + 17, seed: 1);
    private readonly byte[] _projector = RandomBytes(700 * 1024, seed: 2);

    public void Dispose()
    {
        if (Directory.Exists(_cacheDir))
            Directory.Delete(_cacheDir, recursive: true);
    }

    [Fact]
    public async Task A_pull_downloads_every_file_reports_progress_and_renames_each_into_place()
    {
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, r.Path.EndsWith("mmproj.gguf") ? _projector : _weights));
        using var services = Build(server.BaseUri);
        var progress = new RecordingProgress();

        var pulled = await Downloader(services).PullAsync(Model(knownSizes: true, knownHashes: true), progress, CancellationToken.None);

        Assert.Equal(2, pulled.Count);
        Assert.Equal(_weights, await File.ReadAllBytesAsync(pulled[0].Path));
        Assert.Equal(_projector, await File.ReadAllBytesAsync(pulled[1].Path));
        Assert.Equal(Path.Join(_cacheDir, "test-org", "Tiny-GGUF", "main", "tiny-Q4_K_M.gguf"), pulled[0].Path);
        Assert.Equal(Sha(_weights), pulled[0].Sha256);
        Assert.Empty(Directory.GetFiles(_cacheDir, "*.part", SearchOption.AllDirectories));
        Assert.Equal(["/test-org/Tiny-GGUF/resolve/main/tiny-Q4_K_M.gguf", "/test-org/Tiny-GGUF/resolve/main/mmproj.gguf"],
            server.Requests.Select(r => r.Path));
        var weightReports = progress.Reports.Where(p => p.File == "tiny-Q4_K_M.gguf").ToList();
        Assert.Equal(0, weightReports[0].Received);
        Assert.Equal(_weights.Length, weightReports[^1].Received);
        Assert.Equal(1.0, weightReports[^1].Fraction);
        Assert.True(weightReports.Zip(weightReports.Skip(1)).All(p => p.Second.Received >= p.First.Received), "progress never goes back");
    }

    [Fact]
    public async Task A_connection_cut_half_way_is_resumed_with_a_range_for_exactly_the_missing_bytes()
    {
        var half = _weights.Length / 2;
        var calls = 0;
        await using var server = new LoopbackHttpServer((c, r) =>
            FileServer.ServeAsync(c, r, _weights, Interlocked.Increment(ref calls) == 1 ? half : null));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: true, knownHashes: true);

        var pulled = await Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None);

        Assert.Equal(_weights, await File.ReadAllBytesAsync(pulled.Path));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].Header("Range"));
        Assert.Equal($"bytes={half}-", requests[1].Header("Range"));
        Assert.False(File.Exists(pulled.Path + ".part"));
    }

    [Fact]
    public async Task A_partial_file_left_by_an_earlier_run_is_resumed_and_verified_as_a_whole()
    {
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, _weights));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: true);
        var cache = services.GetRequiredService<ModelCache>();
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PartialPathOf(model.ModelFile))!);
        await File.WriteAllBytesAsync(cache.PartialPathOf(model.ModelFile), _weights[..12345]);

        var pulled = await Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None);

        Assert.Equal("bytes=12345-", Assert.Single(server.Requests).Header("Range"));
        Assert.Equal(_weights, await File.ReadAllBytesAsync(pulled.Path));
        Assert.Equal(Sha(_weights), pulled.Sha256);
    }

    [Fact]
    public async Task A_hash_mismatch_deletes_the_partial_file_and_fails_clearly()
    {
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, _weights));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: true, knownHashes: false, wrongHash: true);
        var cache = services.GetRequiredService<ModelCache>();

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None));

        Assert.Contains("SHA-256", error.Message);
        Assert.Contains(Sha(_weights), error.Message);
        Assert.Contains("partial file was deleted", error.Message);
        Assert.False(File.Exists(cache.PartialPathOf(model.ModelFile)));
        Assert.False(File.Exists(cache.PathOf(model.ModelFile)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Not_enough_disk_fails_before_any_byte_is_written(bool knownSizes)
    {
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, _weights));
        using var services = Build(server.BaseUri, freeBytes: 1_000_000);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Downloader(services).PullAsync(Model(knownSizes, knownHashes: false), null, CancellationToken.None));

        Assert.Contains("Not enough disk space", error.Message);
        Assert.Contains("Models:CacheDir", error.Message);
        Assert.Empty(Directory.Exists(_cacheDir) ? Directory.GetFiles(_cacheDir, "*", SearchOption.AllDirectories) : []);
        // With sizes in the catalog nothing is even requested; without, only the headers are read.
        Assert.Equal(knownSizes ? 0 : 1, server.Requests.Count);
    }

    [Fact]
    public async Task A_file_missing_on_the_mirror_names_the_mirror_setting()
    {
        await using var server = new LoopbackHttpServer((c, _) =>
        {
            c.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        using var services = Build(server.BaseUri);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Downloader(services).PullAsync(Model(knownSizes: false, knownHashes: false), null, CancellationToken.None));

        Assert.Contains("404", error.Message);
        Assert.Contains("Models:BaseUrl", error.Message);
    }

    [Fact]
    public async Task A_503_from_the_mirror_is_retried()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer((c, r) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                c.Response.StatusCode = 503;
                return Task.CompletedTask;
            }
            return FileServer.ServeAsync(c, r, _weights);
        });
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: true, knownHashes: true);

        var pulled = await Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None);

        Assert.Equal(_weights.Length, pulled.Size);
        Assert.Equal(2, server.Requests.Count);
    }

    internal ServiceProvider Build(Uri baseUri, long? freeBytes = null, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:BaseUrl"] = baseUri.ToString(),
            ["Models:CacheDir"] = _cacheDir,
            ["Models:RetryDelay"] = "00:00:00.010",
            ["Models:StallTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IFreeSpaceProbe>(new FixedFreeSpace(freeBytes));
        services.AddSingleton(new ModelCatalog("tiny", [Model(knownSizes: true, knownHashes: true)]));
        return services.AddModels(configuration).BuildServiceProvider();
    }

    internal CatalogModel Model(bool knownSizes, bool knownHashes, bool wrongHash = false) => new(
        "tiny", "test model", "glm4", _weights.Length + _projector.Length,
        [
            new CatalogFile(ModelFileRole.Model, "test-org/Tiny-GGUF", "main", "tiny-Q4_K_M.gguf",
                knownSizes ? _weights.Length : null, wrongHash ? new string('0', 64) : knownHashes ? Sha(_weights) : null),
            new CatalogFile(ModelFileRole.Mmproj, "test-org/Tiny-GGUF", "main", "mmproj.gguf",
                knownSizes ? _projector.Length : null, knownHashes ? Sha(_projector) : null),
        ]);

    private static ModelDownloader Downloader(ServiceProvider services) => services.GetRequiredService<ModelDownloader>();

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed class FixedFreeSpace(long? bytes) : IFreeSpaceProbe
    {
        public long? AvailableBytes(string folder) => bytes;
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class RecordingProgress : IProgress<DownloadProgress>
    {
        public ConcurrentQueue<DownloadProgress> Queue { get; } = new();

        public IReadOnlyList<DownloadProgress> Reports => Queue.ToArray();

        public void Report(DownloadProgress value) => Queue.Enqueue(value);
    }
}
