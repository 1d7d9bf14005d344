using System.Net;
using System.Net.Sockets;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Imaging;

public sealed class ImageLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("glm-imaging-").FullName;
    private readonly ImageLoader _loader = new(new ImageDecoder(new ImagingOptions()), new UrlPolicy([]));
    private readonly AllowedRoots _roots;

    public ImageLoaderTests()
    {
        _roots = new AllowedRoots([_root]);
    }

    [Fact]
    public async Task A_file_under_the_roots_loads()
    {
        var path = Copy("text-before.png");

        var image = await _loader.LoadAsync(path, _roots, "before", CancellationToken.None);

        Assert.Equal((420, 150), (image.Width, image.Height));
    }

    [Fact]
    public async Task A_path_outside_the_roots_is_refused()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _loader.LoadAsync(TestImages.Fixture("text-before.png"), _roots, "before", CancellationToken.None));

        Assert.Contains("outside the allowed roots", error.Message);
    }

    [Fact]
    public async Task A_zero_byte_file_is_refused_as_empty()
    {
        var path = Path.Combine(_root, "empty.png");
        await File.WriteAllBytesAsync(path, []);

        var error = await Assert.ThrowsAsync<UserInputException>(() => _loader.LoadAsync(path, _roots, "before", CancellationToken.None));

        Assert.Contains("empty file (0 bytes)", error.Message);
    }

    [Fact]
    public async Task A_text_file_named_png_is_refused_as_text()
    {
        var path = Path.Combine(_root, "notes.png");
        await File.WriteAllTextAsync(path, "# meeting notes\nnot an image");

        var error = await Assert.ThrowsAsync<UserInputException>(() => _loader.LoadAsync(path, _roots, "after", CancellationToken.None));

        Assert.Contains("'after' is text, not an image", error.Message);
    }

    [Fact]
    public async Task Raw_base64_and_data_uris_load_without_touching_the_file_system()
    {
        var base64 = Convert.ToBase64String(await File.ReadAllBytesAsync(TestImages.Fixture("layout-before.png")));

        var raw = await _loader.LoadAsync(base64, _roots, "before", CancellationToken.None);
        var uri = await _loader.LoadAsync("data:image/png;base64," + base64, _roots, "after", CancellationToken.None);

        Assert.Equal((360, 200), (raw.Width, raw.Height));
        Assert.Equal(raw.Pixels, uri.Pixels);
    }

    [Fact]
    public async Task A_data_uri_that_is_not_base64_is_refused()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _loader.LoadAsync("data:image/png,abc", _roots, "before", CancellationToken.None));

        Assert.Contains("not base64", error.Message);
    }

    [Theory]
    [InlineData("http://10.1.2.3/shot.png", "private-network address")]
    [InlineData("http://192.168.0.10/shot.png", "private-network address")]
    [InlineData("https://example.com/shot.png", "not a loopback host")]
    public async Task A_url_to_a_private_or_remote_address_is_refused(string url, string reason)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => _loader.LoadAsync(url, _roots, "before", CancellationToken.None));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_loopback_url_is_downloaded_and_a_redirect_to_a_private_address_is_refused()
    {
        var png = await File.ReadAllBytesAsync(TestImages.Fixture("shapes-before.png"));
        using var server = new LoopbackServer(request => request == "/shot.png"
            ? (200, null, png)
            : (302, "http://10.0.0.5/shot.png", []));

        var image = await _loader.LoadAsync(server.Url("/shot.png"), _roots, "before", CancellationToken.None);
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _loader.LoadAsync(server.Url("/elsewhere"), _roots, "before", CancellationToken.None));

        Assert.Equal((360, 200), (image.Width, image.Height));
        Assert.Contains("10.0.0.5", error.Message);
    }

    [Fact]
    public async Task A_download_over_the_size_cap_is_refused()
    {
        var loader = new ImageLoader(new ImageDecoder(new ImagingOptions { MaxInputBytes = 1000 }), new UrlPolicy([]));
        var png = await File.ReadAllBytesAsync(TestImages.Fixture("shapes-before.png"));
        using var server = new LoopbackServer(_ => (200, null, png));

        var error = await Assert.ThrowsAsync<UserInputException>(() => loader.LoadAsync(server.Url("/big.png"), _roots, "before", CancellationToken.None));

        Assert.Contains("Imaging:MaxInputBytes", error.Message);
    }

    [Fact]
    public async Task A_url_that_trickles_bytes_is_given_up_on_at_the_minimum_rate_naming_the_url_shortened()
    {
        using var loader = new ImageLoader(
            new ImageDecoder(new ImagingOptions { MinDownloadBytesPerSecond = 100, DownloadRateWindowSeconds = 1, DownloadTimeoutSeconds = 600 }),
            new UrlPolicy([]));
        using var server = new TrickleServer(bytesPerTick: 1, tick: TimeSpan.FromMilliseconds(200));
        var url = server.Url("/slow.png?" + new string('q', 5000));

        // Without a minimum rate this download would last 600 s; the guard below only keeps a regression from hanging the run.
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            loader.LoadAsync(url, _roots, "before", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.Contains("Imaging:MinDownloadBytesPerSecond", error.Message);
        Assert.Contains(server.Url("/slow.png?qqq"), error.Message);
        Assert.Contains("pass its path", error.Message);
        Assert.True(error.Message.Length < 800, error.Message);
    }

    [Fact]
    public async Task A_steady_but_endless_download_stops_at_the_one_deadline_for_the_whole_download()
    {
        using var loader = new ImageLoader(
            new ImageDecoder(new ImagingOptions { MinDownloadBytesPerSecond = 10, DownloadRateWindowSeconds = 1, DownloadTimeoutSeconds = 2 }),
            new UrlPolicy([]));
        using var server = new TrickleServer(bytesPerTick: 20, tick: TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            loader.LoadAsync(server.Url("/endless.png"), _roots, "after", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.Contains("did not finish within 2 s (Imaging:DownloadTimeoutSeconds)", error.Message);
        Assert.StartsWith("'after': the download of http://127.0.0.1:", error.Message);
    }

    public void Dispose()
    {
        _loader.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string Copy(string fixture)
    {
        var path = Path.Combine(_root, fixture);
        File.Copy(TestImages.Fixture(fixture), path);
        return path;
    }

    /// <summary>An HTTP/1.1 server on 127.0.0.1 that promises a 10 MB PNG and sends it <c>bytesPerTick</c> bytes each <c>tick</c>.</summary>
    private sealed class TrickleServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public TrickleServer(int bytesPerTick, TimeSpan tick)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, leaveOpen: true);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
                }
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 10000000\r\n\r\n"u8.ToArray(), _stop.Token);
                var chunk = new byte[bytesPerTick];
                while (!_stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, _stop.Token);
                    await Task.Delay(tick, _stop.Token);
                }
            });
        }

        public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }

    /// <summary>A tiny HTTP/1.1 server on 127.0.0.1 answering each request from <c>respond(path)</c>.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public LoopbackServer(Func<string, (int Status, string? Location, byte[] Body)> respond)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await using var stream = client.GetStream();
                    using var reader = new StreamReader(stream, leaveOpen: true);
                    var requestLine = await reader.ReadLineAsync() ?? "";
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                    {
                    }
                    var (status, location, body) = respond(requestLine.Split(' ')[1]);
                    var head = $"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nConnection: close\r\n" +
                               (location is null ? "" : $"Location: {location}\r\n") + "\r\n";
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
                    await stream.WriteAsync(body);
                }
            });
        }

        public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}";

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
