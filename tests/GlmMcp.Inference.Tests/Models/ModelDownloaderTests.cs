using System.Collections.Concurrent;
using System.Security.Cryptography;
using GlmMcp.Core;
using GlmMcp.Inference.Models;
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

        Assert.Equal("bytes=12345-", Assert.Single(server.Requests, r => r.Method == "GET").Header("Range"));
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
        Assert.Equal(knownSizes ? 0 : 1, server.Requests.Count(r => r.Method == "GET"));
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

    internal ServiceProvider Build(Uri baseUri, long? freeBytes = null, Dictionary<string, string?>? extra = null, IPartialFileOpener? files = null)
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
        if (files is not null)
            services.AddSingleton(files);
        services.AddSingleton(new ModelCatalog("tiny", [Model(knownSizes: true, knownHashes: true)]));
        return services.AddModels(configuration).BuildServiceProvider();
    }

    [Theory]
    [InlineData("no Content-Range")]
    [InlineData("an earlier offset")]
    [InlineData("a 200 with the whole file")]
    public async Task A_resume_answered_at_another_offset_starts_over_instead_of_writing_a_corrupt_file(string answer)
    {
        const int resumeAt = 12345;
        await using var server = new LoopbackHttpServer(async (c, r) =>
        {
            if (r.Method == "HEAD")
                return;
            var ranged = r.Header("Range") is not null;
            var from = !ranged ? 0 : answer switch
            {
                "no Content-Range" => resumeAt,
                "an earlier offset" => resumeAt - 100,
                _ => 0,
            };
            if (ranged && answer != "a 200 with the whole file")
            {
                c.Response.StatusCode = 206;
                if (answer == "an earlier offset")
                    c.Response.AddHeader("Content-Range", $"bytes {from}-{_weights.Length - 1}/{_weights.Length}");
            }
            c.Response.ContentLength64 = _weights.Length - from;
            await c.Response.OutputStream.WriteAsync(_weights.AsMemory(from));
        });
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: false);
        var cache = services.GetRequiredService<ModelCache>();
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PartialPathOf(model.ModelFile))!);
        await File.WriteAllBytesAsync(cache.PartialPathOf(model.ModelFile), _weights[..resumeAt]);

        var pulled = await Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None);

        Assert.Equal(_weights, await File.ReadAllBytesAsync(pulled.Path));
        Assert.Equal(Sha(_weights), pulled.Sha256);
        Assert.Equal($"bytes={resumeAt}-", server.Requests.First(r => r.Method == "GET").Header("Range"));
    }

    [Fact]
    public async Task A_short_content_length_is_refused_when_the_hub_says_the_size()
    {
        var half = _weights.Length / 2;
        await using var server = new LoopbackHttpServer(FileServer.Hub(_weights.Length, Sha(_weights), (c, r) => FileServer.ServeAsync(c, r, _weights[..half])));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: false);
        var cache = services.GetRequiredService<ModelCache>();

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None));

        Assert.Contains($"offers {half} bytes but {_weights.Length} are expected", error.Message);
        Assert.Contains("X-Linked-Size", error.Message);
        Assert.False(File.Exists(cache.PathOf(model.ModelFile)));
        Assert.False(File.Exists(cache.PartialPathOf(model.ModelFile)));
    }

    [Fact]
    public async Task A_file_that_differs_from_the_hubs_sha256_is_not_cached()
    {
        await using var server = new LoopbackHttpServer(FileServer.Hub(_weights.Length, Sha(_projector), (c, r) => FileServer.ServeAsync(c, r, _weights)));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: false);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None));

        Assert.Contains("failed its SHA-256 check", error.Message);
        Assert.Contains(Sha(_projector), error.Message);
        Assert.False(File.Exists(services.GetRequiredService<ModelCache>().PathOf(model.ModelFile)));
    }

    [Fact]
    public async Task The_hubs_size_and_sha256_are_read_from_its_redirect_and_the_file_from_the_cdn()
    {
        await using var server = new LoopbackHttpServer(FileServer.Hub(_weights.Length, Sha(_weights), (c, r) => FileServer.ServeAsync(c, r, _weights)));
        using var services = Build(server.BaseUri, freeBytes: 1_000_000);
        var model = Model(knownSizes: false, knownHashes: false);

        var error = await Assert.ThrowsAsync<UserInputException>(() => Downloader(services).PullAsync(model, null, CancellationToken.None));

        // The sizes came from the HEADs alone: the free-space check failed before any GET.
        Assert.Contains("Not enough disk space", error.Message);
        Assert.All(server.Requests, r => Assert.Equal("HEAD", r.Method));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_gguf_cut_off_by_a_mirror_that_gives_no_metadata_is_not_cached()
    {
        var gguf = TinyGguf();
        var cut = gguf[..(gguf.Length - 1000)];
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, cut));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: false);
        var cache = services.GetRequiredService<ModelCache>();

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Downloader(services).DownloadAsync(model.ModelFile, model.Name, null, CancellationToken.None));

        Assert.Contains($"is cut off: its tensors need {gguf.Length} bytes, it has {cut.Length}", error.Message);
        Assert.Contains("glm-mcp pull tiny", error.Message);
        Assert.False(File.Exists(cache.PathOf(model.ModelFile)));
        Assert.False(File.Exists(cache.PartialPathOf(model.ModelFile)));
    }

    [Fact]
    public async Task Pull_downloads_a_cut_off_cached_gguf_again_instead_of_calling_it_cached()
    {
        var gguf = TinyGguf();
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, r.Path.EndsWith("mmproj.gguf") ? _projector : gguf));
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: false);
        var cache = services.GetRequiredService<ModelCache>();
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathOf(model.ModelFile))!);
        await File.WriteAllBytesAsync(cache.PathOf(model.ModelFile), gguf[..(gguf.Length / 2)]);
        await File.WriteAllBytesAsync(cache.PathOf(model.MmprojFile), _projector);
        Assert.False(cache.IsCached(model.ModelFile), "a cut-off GGUF does not count as cached");

        var pulled = await Downloader(services).PullAsync(model, null, CancellationToken.None);

        Assert.False(pulled[0].WasCached);
        Assert.True(pulled[1].WasCached);
        Assert.Equal(gguf, await File.ReadAllBytesAsync(cache.PathOf(model.ModelFile)));
        Assert.True(cache.IsCached(model));
        var gets = server.Requests.Count(r => r.Method == "GET");
        Assert.Equal(1, gets);

        var again = await Downloader(services).PullAsync(model, null, CancellationToken.None);

        Assert.All(again, p => Assert.True(p.WasCached));
        Assert.Equal(gets, server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task Pull_downloads_a_cached_file_again_when_its_hash_differs_from_the_hubs()
    {
        await using var server = new LoopbackHttpServer((c, r) =>
        {
            var content = r.Path.EndsWith("mmproj.gguf") ? _projector : _weights;
            return FileServer.Hub(content.Length, Sha(content), (c2, r2) => FileServer.ServeAsync(c2, r2, content))(c, r);
        });
        using var services = Build(server.BaseUri);
        var model = Model(knownSizes: false, knownHashes: false);
        var cache = services.GetRequiredService<ModelCache>();
        var damaged = _weights.ToArray();
        damaged[1000] ^= 0xFF;
        Directory.CreateDirectory(Path.GetDirectoryName(cache.PathOf(model.ModelFile))!);
        await File.WriteAllBytesAsync(cache.PathOf(model.ModelFile), damaged);
        await File.WriteAllBytesAsync(cache.PathOf(model.MmprojFile), _projector);

        var pulled = await Downloader(services).PullAsync(model, null, CancellationToken.None);

        Assert.False(pulled[0].WasCached);
        Assert.Equal(_weights, await File.ReadAllBytesAsync(cache.PathOf(model.ModelFile)));
        Assert.True(pulled[1].WasCached);
        Assert.Equal(Sha(_projector), pulled[1].Sha256);
    }

    [Fact]
    public async Task A_disk_that_fills_up_mid_download_without_a_content_length_gives_a_clear_error_and_no_partial_file()
    {
        await using var server = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, _weights, chunked: true));
        using var services = Build(server.BaseUri, files: new FillingDisk(capacity: 1024 * 1024));
        var model = Model(knownSizes: false, knownHashes: false);
        var cache = services.GetRequiredService<ModelCache>();

        var error = await Assert.ThrowsAsync<UserInputException>(() => Downloader(services).PullAsync(model, null, CancellationToken.None));

        Assert.Contains($"The disk under {Path.GetDirectoryName(cache.PathOf(model.ModelFile))} is full", error.Message);
        Assert.Contains("its size is unknown", error.Message);
        Assert.Contains("Models:CacheDir", error.Message);
        Assert.False(File.Exists(cache.PartialPathOf(model.ModelFile)));
        Assert.False(File.Exists(cache.PathOf(model.ModelFile)));
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

    /// <summary>A real tiny GGUF (text weights of the synthetic GLM shape), as bytes.</summary>
    private byte[] TinyGguf()
    {
        Directory.CreateDirectory(_cacheDir);
        var path = Path.Join(_cacheDir, "source.gguf");
        SyntheticGgufWriter.WriteTextModel(path);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>Real files on a disk that has room for <paramref name="capacity"/> bytes of downloads, then fails
    /// writes with ENOSPC the way a full Linux disk does.</summary>
    private sealed class FillingDisk(long capacity) : IPartialFileOpener
    {
        public Stream Open(string path, FileMode mode) => new FullAfter(new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None), capacity);

        private sealed class FullAfter(FileStream inner, long capacity) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => true;

            public override bool CanWrite => true;

            public override long Length => inner.Length;

            public override long Position
            {
                get => inner.Position;
                set => inner.Position = value;
            }

            public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (inner.Length + count > capacity)
                    throw new IOException("No space left on device", 28);
                inner.Write(buffer, offset, count);
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (inner.Length + buffer.Length > capacity)
                    throw new IOException("No space left on device", 28);
                return inner.WriteAsync(buffer, cancellationToken);
            }

            public override void Flush() => inner.Flush();

            public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

            public override void SetLength(long value) => inner.SetLength(value);

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                    inner.Dispose();
                base.Dispose(disposing);
            }
        }
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
