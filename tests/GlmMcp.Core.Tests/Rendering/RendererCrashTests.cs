using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Tests.Rendering;

/// <summary>Chromium's renderer processes or the whole browser killed with SIGKILL, between and during renders.</summary>
[Collection(nameof(ChromiumProcessCollection))]
public sealed class RendererCrashTests
{
    [Fact]
    public async Task Renderers_killed_between_renders_are_replaced_and_the_next_renders_succeed()
    {
        await using var renderer = RendererFactory.Create(poolSize: 2);
        await Task.WhenAll(
            renderer.RenderAsync(new RenderRequest { Html = "<p>one</p>", Width = 100, Height = 100 }),
            renderer.RenderAsync(new RenderRequest { Html = "<p>two</p>", Width = 100, Height = 100 }));
        var profile = renderer.BrowserUserDataDir!;
        var browserPid = renderer.BrowserProcessId;

        Assert.NotEmpty(KillRenderers(profile));
        for (var i = 0; i < 3; i++)
        {
            var result = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });
            RenderAssert.RedSquareAt(result.Image, 320, 240);
        }

        Assert.Equal(browserPid, renderer.BrowserProcessId);
        await renderer.DisposeAsync();
        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(profile, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_render_whose_renderer_is_killed_mid_load_is_retried_once_on_a_fresh_tab()
    {
        using var server = new HeldImageServer();
        await using var renderer = RendererFactory.Create();
        await renderer.RenderAsync(new RenderRequest { Html = "<p>warm</p>", Width = 100, Height = 100 });
        var profile = renderer.BrowserUserDataDir!;

        var rendering = renderer.RenderAsync(new RenderRequest { Url = server.PageUrl, Width = 320, Height = 240 });
        await server.ImageRequested.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(KillRenderers(profile));
        var result = await rendering;

        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Equal(2, server.PageRequests);
        await renderer.DisposeAsync();
        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(profile, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_render_whose_renderer_is_killed_while_its_script_runs_is_retried_once_on_a_fresh_tab()
    {
        using var server = new HeldImageServer();
        await using var renderer = RendererFactory.Create();
        await renderer.RenderAsync(new RenderRequest { Html = "<p>warm</p>", Width = 100, Height = 100 });
        var profile = renderer.BrowserUserDataDir!;

        // The page loads at once; the script run before the screenshot waits on the held request, so the renderer dies
        // during a DevTools call (not during the load), whose error may arrive before the tab's crash event.
        var rendering = renderer.RenderAsync(new RenderRequest
        {
            Url = server.PageUrl + "plain", Width = 320, Height = 240,
            Script = "() => fetch('/held.png').then(r => 'answered ' + r.status, () => 'failed')",
        });
        await server.ImageRequested.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(KillRenderers(profile));
        var result = await rendering;

        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Equal("answered 404", result.ScriptResult);
        Assert.Equal(2, server.PageRequests);
        await renderer.DisposeAsync();
        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(profile, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_error_from_chromium_on_a_live_tab_is_a_clear_error_naming_the_stage_and_the_next_render_succeeds()
    {
        await using var renderer = RendererFactory.Create();

        var error = await Assert.ThrowsAsync<UserInputException>(() => renderer.RenderAsync(new RenderRequest
        {
            Html = "<p>x</p>", Width = 100, Height = 100, Script = "() => { throw new Error('boom'); }",
        }));
        var next = await renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });

        Assert.Contains("Chromium failed during the script", error.Message);
        Assert.Contains("boom", error.Message);
        Assert.Contains("run 'glm-mcp doctor'", error.Message);
        RenderAssert.RedSquareAt(next.Image, 320, 240);
    }

    [Fact]
    public async Task A_render_whose_browser_is_killed_mid_load_relaunches_chromium_and_succeeds()
    {
        using var server = new HeldImageServer();
        await using var renderer = RendererFactory.Create();
        await renderer.RenderAsync(new RenderRequest { Html = "<p>warm</p>", Width = 100, Height = 100 });
        var profile = renderer.BrowserUserDataDir!;
        var firstPid = renderer.BrowserProcessId!.Value;

        var rendering = renderer.RenderAsync(new RenderRequest { Url = server.PageUrl, Width = 320, Height = 240 });
        await server.ImageRequested.WaitAsync(TimeSpan.FromSeconds(60));
        using (var browser = Process.GetProcessById(firstPid))
        {
            browser.Kill();
            await browser.WaitForExitAsync();
        }
        var result = await rendering;

        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.NotEqual(firstPid, renderer.BrowserProcessId);
        var secondProfile = renderer.BrowserUserDataDir!;
        await renderer.DisposeAsync();
        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(profile, TimeSpan.FromSeconds(5)));
        Assert.Empty(await ChromiumProcessScan.LeftoversAfterAsync(secondProfile, TimeSpan.FromSeconds(5)));
    }

    /// <summary>SIGKILLs the renderer processes of the browser using <paramref name="profile"/>, and only those.</summary>
    private static IReadOnlyList<int> KillRenderers(string profile)
    {
        var killed = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Join(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (!commandLine.Contains("--type=renderer", StringComparison.Ordinal) || !commandLine.Contains(profile, StringComparison.Ordinal))
                continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(5));
                killed.Add(pid);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }
        return killed;
    }

    /// <summary>
    /// Serves a red-square page with an image (<c>/</c>) or without (<c>/plain</c>); the first request for the image is
    /// held open (the render is then mid-load, or its script mid-fetch, deterministically), later ones get a 404.
    /// </summary>
    private sealed class HeldImageServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _imageRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<TcpClient> _held = [];
        private int _pageRequests;

        public HeldImageServer()
        {
            _listener.Start();
            PageUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
            _ = AcceptAsync();
        }

        public string PageUrl { get; }

        public Task ImageRequested => _imageRequested.Task;

        public int PageRequests => Volatile.Read(ref _pageRequests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_held)
                _held.ForEach(c => c.Dispose());
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                    _ = ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var head = new StringBuilder();
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                        return;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var path = head.ToString().Split(' ')[1];
                if (path == "/held.png" && _imageRequested.TrySetResult())
                {
                    lock (_held)
                        _held.Add(client);
                    return;
                }
                var (status, body) = path switch
                {
                    "/" => ("200 OK", RenderAssert.RedSquareHtml.Replace("</body>", "<img src=\"/held.png\" style=\"display:none\"></body>", StringComparison.Ordinal)),
                    "/plain" => ("200 OK", RenderAssert.RedSquareHtml),
                    _ => ("404 Not Found", ""),
                };
                if (path is "/" or "/plain")
                    Interlocked.Increment(ref _pageRequests);
                var payload = Encoding.UTF8.GetBytes(body);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n"), _stop.Token);
                await stream.WriteAsync(payload, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The browser went away.
            }
            finally
            {
                bool held;
                lock (_held)
                    held = _held.Contains(client);
                if (!held)
                    client.Dispose();
            }
        }
    }
}
