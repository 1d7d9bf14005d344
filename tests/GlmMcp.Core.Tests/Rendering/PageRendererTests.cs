using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Rendering;

public sealed class PageRendererTests(SharedRendererFixture fixture) : IClassFixture<SharedRendererFixture>, IDisposable
{
    private readonly PageRenderer _renderer = fixture.Renderer;
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("glm-render-test-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task A_red_square_in_html_renders_pixel_exact_at_its_position()
    {
        var result = await _renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });

        Assert.Equal("image/png", result.MimeType);
        Assert.Equal((320, 240), (result.Width, result.Height));
        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Empty(result.BlockedRequests);
        Assert.Empty(result.ConsoleErrors);
    }

    [Fact]
    public async Task A_rendered_page_of_text_is_returned_in_our_png_encoding_smaller_than_chromiums_with_every_pixel_the_same()
    {
        var paragraph = "<p>Install the package, point it at your project and run the first command; logs go to standard error.</p>";
        var html = "<body style=\"margin:0;font:15px/1.6 sans-serif;display:flex\"><nav style=\"width:200px;background:#f6f8fa;min-height:100vh\">" +
                   "<a>Section one</a><br><a>Section two</a></nav><main style=\"padding:24px\"><h1>Getting started</h1>" +
                   string.Concat(Enumerable.Repeat(paragraph, 12)) + "</main></body>";
        var result = await _renderer.RenderAsync(new RenderRequest { Html = html, Width = 1280, Height = 800 });

        var returned = ImageFitter.Fit(result.Image, result.MimeType, ImagingOptions.DefaultMaxReturnedImageSide);

        Assert.True(returned.Bytes.Length < result.Image.Length, $"returned {returned.Bytes.Length} bytes, Chromium's {result.Image.Length}");
        var decoder = new ImageDecoder(new ImagingOptions());
        Assert.Equal(decoder.Decode(result.Image, "chromium").Pixels, decoder.Decode(returned.Bytes, "returned").Pixels);
    }

    [Fact]
    public async Task A_script_runs_on_the_loaded_page_with_its_argument_and_its_result_comes_back_with_the_screenshot()
    {
        var result = await _renderer.RenderAsync(new RenderRequest
        {
            Html = RenderAssert.RedSquareHtml + "<script>document.title = 'ready'</script>",
            Width = 320,
            Height = 240,
            Script = "(arg) => document.title + ':' + arg[0] + ':' + document.elementFromPoint(arg[1], arg[2]).tagName",
            ScriptArgument = new object[] { "x", 90, 110 },
        });

        Assert.Equal("ready:x:DIV", result.ScriptResult);
        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Null((await _renderer.RenderAsync(new RenderRequest { Html = "<p>none</p>", Width = 100, Height = 100 })).ScriptResult);
    }

    [Fact]
    public async Task The_device_scale_factor_scales_the_image_and_the_square()
    {
        var result = await _renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 200, Height = 180, DeviceScaleFactor = 2 });

        Assert.Equal((400, 360), (result.Width, result.Height));
        RenderAssert.RedSquareAt(result.Image, 400, 360, scale: 2);
    }

    [Fact]
    public async Task A_full_page_render_captures_content_below_the_viewport()
    {
        var html = "<body style=\"margin:0\"><div style=\"height:1500px;background:#00f\"></div></body>";

        var result = await _renderer.RenderAsync(new RenderRequest { Html = html, Width = 300, Height = 200, FullPage = true });

        Assert.Equal((300, 1500), (result.Width, result.Height));
        using var bitmap = RenderAssert.Decode(result.Image);
        Assert.Equal((byte)255, bitmap.GetPixel(150, 1400).Blue);
    }

    [Fact]
    public async Task Jpeg_output_is_a_jpeg_of_the_viewport_size()
    {
        var result = await _renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240, Format = RenderFormat.Jpeg, Quality = 90 });

        Assert.Equal("image/jpeg", result.MimeType);
        Assert.Equal([0xFF, 0xD8], result.Image[..2]);
        using var bitmap = RenderAssert.Decode(result.Image);
        var centre = bitmap.GetPixel(90, 110);
        Assert.True(centre.Red > 240 && centre.Green < 20 && centre.Blue < 20, $"centre of the square is {centre}");
    }

    [Fact]
    public async Task A_request_to_the_internet_from_html_is_blocked_and_listed_while_the_page_still_renders()
    {
        var html = RenderAssert.RedSquareHtml.Replace("</body>", "<img src=\"https://example.com/logo.png\" style=\"display:none\"></body>", StringComparison.Ordinal);

        var result = await _renderer.RenderAsync(new RenderRequest { Html = html, Width = 320, Height = 240 });

        Assert.Contains("https://example.com/logo.png", result.BlockedRequests);
        RenderAssert.RedSquareAt(result.Image, 320, 240);
    }

    [Fact]
    public async Task A_fetch_to_the_internet_is_blocked_and_its_failure_reaches_the_console_errors()
    {
        var html = "<script>fetch('https://example.com/api').catch(e => console.error('fetch failed: ' + e.message))</script>";

        var result = await _renderer.RenderAsync(new RenderRequest { Html = html, Width = 200, Height = 100, WaitForMs = 2000 });

        Assert.Contains("https://example.com/api", result.BlockedRequests);
        Assert.Contains(result.ConsoleErrors, e => e.StartsWith("fetch failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uncaught_exceptions_are_reported_as_console_errors()
    {
        var result = await _renderer.RenderAsync(new RenderRequest { Html = "<script>throw new Error('boom')</script>", Width = 100, Height = 100 });

        Assert.Contains(result.ConsoleErrors, e => e.Contains("boom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_render_starts_from_a_fresh_document_so_script_globals_do_not_leak()
    {
        const string html = "<script>let declaredOnce = 1; document.title = 'ok'</script>";

        for (var i = 0; i < 4; i++)
        {
            var result = await _renderer.RenderAsync(new RenderRequest { Html = html, Width = 100, Height = 100 });
            Assert.Empty(result.ConsoleErrors);
        }
    }

    [Fact]
    public async Task A_page_rendered_on_a_reused_tab_has_exactly_the_pixels_of_a_fresh_browser_and_tab()
    {
        const string page = "<!doctype html><body style=\"margin:0;font:16px sans-serif;background:#f4f6fb\">" +
            "<header style=\"height:60px;background:#1f3a93;color:#fff;padding:16px\">Acme</header>" +
            "<p style=\"margin:24px\">Body text with <b>bold</b> and <i>italic</i> glyphs, anti-aliased.</p>" +
            "<div style=\"margin:24px;width:200px;height:80px;border-radius:12px;background:linear-gradient(#e8553d,#fff)\"></div></body>";
        // The shared renderer's tabs have rendered other pages (other sizes, scripts, globals) before this one.
        await _renderer.RenderAsync(new RenderRequest { Html = "<script>window.leftOver = 1</script><h1>first</h1>", Width = 500, Height = 300 });
        await _renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 640, Height = 360 });
        var reused = await _renderer.RenderAsync(new RenderRequest { Html = page, Width = 640, Height = 360 });

        await using var fresh = RendererFactory.Create();
        var first = await fresh.RenderAsync(new RenderRequest { Html = page, Width = 640, Height = 360 });

        using var a = RenderAssert.Decode(reused.Image);
        using var b = RenderAssert.Decode(first.Image);
        Assert.Equal((640, 360), (a.Width, a.Height));
        Assert.Equal(a.Bytes, b.Bytes);
    }

    [Fact]
    public async Task A_page_that_animates_without_end_renders_and_the_next_render_is_exact()
    {
        const string animated = "<style>@keyframes s{to{transform:rotate(360deg)}}div{width:100px;height:100px;background:#00f;" +
            "animation:s .2s linear infinite}</style><div></div><canvas id=c width=300 height=200></canvas><script>" +
            "const x=c.getContext('2d');let i=0;(function f(){x.fillStyle='hsl('+(i++%360)+',50%,50%)';x.fillRect(0,0,300,200);" +
            "requestAnimationFrame(f)})()</script>";

        var moving = await _renderer.RenderAsync(new RenderRequest { Html = animated, Width = 320, Height = 240, WaitForMs = 300 });
        var still = await _renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 });

        Assert.Equal((320, 240), (moving.Width, moving.Height));
        Assert.Empty(moving.ConsoleErrors);
        RenderAssert.RedSquareAt(still.Image, 320, 240);
    }

    [Fact]
    public async Task Twice_as_many_renders_at_once_as_the_pool_has_tabs_all_come_back_each_with_its_own_page()
    {
        await using var renderer = RendererFactory.Create(poolSize: 2);
        string Page(int n) => $"<body style=\"margin:0;background:#fff\"><div style=\"position:absolute;left:{10 + 20 * n}px;top:10px;width:10px;height:10px;background:#f00\"></div></body>";

        for (var burst = 0; burst < 2; burst++)
        {
            var renders = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => renderer.RenderAsync(new RenderRequest { Html = Page(n), Width = 200, Height = 40 })));

            for (var n = 0; n < renders.Length; n++)
            {
                using var bitmap = RenderAssert.Decode(renders[n].Image);
                Assert.Equal(new SkiaSharp.SKColor(255, 0, 0), bitmap.GetPixel(15 + 20 * n, 15));
                Assert.Equal(SkiaSharp.SKColors.White, bitmap.GetPixel(15 + 20 * ((n + 1) % 4), 15));
            }
        }
    }

    [Fact]
    public async Task An_alert_does_not_block_the_render()
    {
        var result = await _renderer.RenderAsync(new RenderRequest { Html = "<script>alert('hi')</script>" + RenderAssert.RedSquareHtml, Width = 320, Height = 240 });

        RenderAssert.RedSquareAt(result.Image, 320, 240);
    }

    [Theory]
    [InlineData(0, 800, "'width'")]
    [InlineData(100000, 800, "'width'")]
    [InlineData(1280, 0, "'height'")]
    [InlineData(1280, 100000, "'height'")]
    public async Task Sizes_outside_the_range_are_refused_with_a_message_naming_the_argument(int width, int height, string named)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>", Width = width, Height = height }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("16384", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    [InlineData(double.NaN)]
    public async Task A_device_scale_factor_outside_the_range_is_refused(double scale)
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>", DeviceScaleFactor = scale }));

        Assert.Contains("'device_scale_factor'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_larger_than_chromium_can_capture_is_refused()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>", Width = 10000, DeviceScaleFactor = 2 }));

        Assert.Contains("20000 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_source_is_refused_naming_the_three_choices()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => _renderer.RenderAsync(new RenderRequest()));

        Assert.Contains("'html'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'path'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_sources_are_refused_naming_both()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            _renderer.RenderAsync(new RenderRequest { Html = "<p>x</p>", Url = "http://127.0.0.1:1/" }));

        Assert.Contains("exactly one", error.Message, StringComparison.Ordinal);
        Assert.Contains("'html' and 'url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_under_the_roots_renders_with_its_stylesheet()
    {
        var root = _temp.CreateSubdirectory("site");
        File.WriteAllText(Path.Join(root.FullName, "style.css"), "div{position:absolute;left:40px;top:60px;width:100px;height:100px;background:#ff0000}");
        File.WriteAllText(Path.Join(root.FullName, "index.html"), "<link rel=stylesheet href=style.css><body style=\"margin:0;background:#fff\"><div></div>");

        var result = await _renderer.RenderAsync(new RenderRequest
        {
            FilePath = Path.Join(root.FullName, "index.html"), Width = 320, Height = 240, Roots = new AllowedRoots([root.FullName]),
        });

        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Empty(result.BlockedRequests);
    }

    [Fact]
    public async Task A_file_outside_the_roots_is_refused()
    {
        var root = _temp.CreateSubdirectory("root");
        var outside = Path.Join(_temp.FullName, "outside.html");
        File.WriteAllText(outside, "<p>secret</p>");

        var error = await Assert.ThrowsAsync<UserInputException>(() => _renderer.RenderAsync(new RenderRequest
        {
            FilePath = outside, Roots = new AllowedRoots([root.FullName]),
        }));

        Assert.Contains("outside the allowed roots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlink_inside_the_root_that_points_outside_is_refused()
    {
        var root = _temp.CreateSubdirectory("root");
        var outside = Path.Join(_temp.FullName, "secret.html");
        File.WriteAllText(outside, "<p>secret</p>");
        var link = Path.Join(root.FullName, "innocent.html");
        File.CreateSymbolicLink(link, outside);

        var error = await Assert.ThrowsAsync<UserInputException>(() => _renderer.RenderAsync(new RenderRequest
        {
            FilePath = link, Roots = new AllowedRoots([root.FullName]),
        }));

        Assert.Contains("outside the allowed roots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_refused_with_file_not_found()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => _renderer.RenderAsync(new RenderRequest
        {
            FilePath = Path.Join(_temp.FullName, "nope.html"), Roots = new AllowedRoots([_temp.FullName]),
        }));

        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_a_file_page_loads_from_outside_the_roots_are_blocked_and_listed()
    {
        var root = _temp.CreateSubdirectory("page");
        var secret = Path.Join(_temp.FullName, "secret.png");
        File.WriteAllBytes(secret, [1, 2, 3]);
        File.CreateSymbolicLink(Path.Join(root.FullName, "linked.png"), secret);
        File.WriteAllText(Path.Join(root.FullName, "index.html"), "<img src=\"../secret.png\"><img src=\"linked.png\"><iframe src=\"file:///etc/hostname\"></iframe>");

        var result = await _renderer.RenderAsync(new RenderRequest
        {
            FilePath = Path.Join(root.FullName, "index.html"), Width = 200, Height = 200, Roots = new AllowedRoots([root.FullName]),
        });

        Assert.Contains(new Uri(secret).AbsoluteUri, result.BlockedRequests);
        Assert.Contains(new Uri(Path.Join(root.FullName, "linked.png")).AbsoluteUri, result.BlockedRequests);
        Assert.Contains("file:///etc/hostname", result.BlockedRequests);
    }

    [Fact]
    public async Task A_frame_that_reaches_outside_through_a_chain_of_links_is_blocked()
    {
        var root = _temp.CreateSubdirectory("chain");
        var outside = _temp.CreateSubdirectory("elsewhere");
        File.WriteAllText(Path.Join(outside.FullName, "secret.html"), "<body style=\"margin:0;background:#ff0000\">");
        Directory.CreateSymbolicLink(Path.Join(root.FullName, "inner"), outside.FullName);
        File.CreateSymbolicLink(Path.Join(root.FullName, "f.html"), Path.Join("inner", "secret.html"));
        File.WriteAllText(Path.Join(root.FullName, "index.html"),
            "<body style=\"margin:0;background:#fff\"><iframe src=\"f.html\" style=\"border:0;width:200px;height:200px\"></iframe>");

        var result = await _renderer.RenderAsync(new RenderRequest
        {
            FilePath = Path.Join(root.FullName, "index.html"), Width = 200, Height = 200, Roots = new AllowedRoots([root.FullName]),
        });

        Assert.Contains(new Uri(Path.Join(root.FullName, "f.html")).AbsoluteUri, result.BlockedRequests);
        using var bitmap = RenderAssert.Decode(result.Image);
        Assert.NotEqual(new SkiaSharp.SKColor(255, 0, 0), bitmap.GetPixel(100, 100));
    }

    [Fact]
    public async Task A_url_to_a_non_loopback_host_is_refused_before_anything_loads()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => _renderer.RenderAsync(new RenderRequest { Url = "https://example.com/" }));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_url_renders_and_its_requests_to_other_hosts_are_blocked()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var body = RenderAssert.RedSquareHtml.Replace("</body>", "<img src=\"https://example.com/tracker.gif\" style=\"display:none\"></body>", StringComparison.Ordinal);
        var serving = ServeOnceAsync(server, body);

        var result = await _renderer.RenderAsync(new RenderRequest { Url = $"http://127.0.0.1:{port}/", Width = 320, Height = 240 });

        await serving;
        RenderAssert.RedSquareAt(result.Image, 320, 240);
        Assert.Contains("https://example.com/tracker.gif", result.BlockedRequests);
    }

    [Fact]
    public async Task A_localhost_url_resolves_and_renders()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var serving = ServeOnceAsync(server, RenderAssert.RedSquareHtml);

        var result = await _renderer.RenderAsync(new RenderRequest { Url = $"http://localhost:{port}/", Width = 320, Height = 240 });

        await serving;
        RenderAssert.RedSquareAt(result.Image, 320, 240);
    }

    [Fact]
    public async Task A_loopback_url_with_nothing_listening_is_a_clear_error()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var error = await Assert.ThrowsAsync<UserInputException>(() => _renderer.RenderAsync(new RenderRequest { Url = $"http://127.0.0.1:{port}/" }));

        Assert.Contains("ERR_CONNECTION_REFUSED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_websocket_to_a_non_loopback_address_never_connects_and_is_listed_as_blocked()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        using var server = new TcpListener(IPAddress.Any, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var connections = 0;
        var accepting = Task.Run(async () =>
        {
            using var client = await server.AcceptTcpClientAsync();
            Interlocked.Increment(ref connections);
        });
        var url = $"ws://{address}:{port}/socket";

        var result = await _renderer.RenderAsync(new RenderRequest { Html = $"<script>new WebSocket('{url}')</script>", Width = 100, Height = 100, WaitForMs = 500 });

        Assert.Contains(url, result.BlockedRequests);
        Assert.Equal(0, Volatile.Read(ref connections));
        Assert.False(accepting.IsCompleted);
    }

    private static async Task ServeOnceAsync(TcpListener server, string html)
    {
        using var client = await server.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[8192];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
                break;
            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var payload = Encoding.UTF8.GetBytes(html);
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(payload);
    }
}
