using System.Text.Json;
using GlmMcp.Core.Imaging;
using PuppeteerSharp;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Loads tagged HTML in headless Chromium, offline (every request but <c>data:</c>/<c>blob:</c> is aborted), takes
/// the screenshot and reads every tagged element's box with a script. One browser, launched on first use and again
/// if it dies, one tab, one measurement at a time. The shared renderer offers no way to run a script on its page, so
/// this probe keeps a browser of its own.
/// </summary>
public sealed class ChromiumElementProbe : IElementProbe, IAsyncDisposable
{
    /// <summary>The renderer's switches, and no others: the probe's screenshots must match the renderer's pixel for pixel (scrollbars included).</summary>
    private static readonly string[] Switches =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--no-default-browser-check", "--disable-domain-reliability",
        "--disable-features=MediaRouter,OptimizationHints,Translate,InterestFeedContentSuggestions",
    ];

    /// <summary>Boxes in CSS pixels of the document (scroll included), visibility, and the span stack at the focus point.</summary>
    private const string MeasureScript = """
        (focus) => {
          const boxes = [];
          for (const e of document.querySelectorAll('[data-glm-src]')) {
            const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            const visible = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
            boxes.push([e.getAttribute('data-glm-src'), r.left + scrollX, r.top + scrollY, r.width, r.height, visible]);
          }
          const stack = focus ? document.elementsFromPoint(focus[0], focus[1])
            .map(e => e.getAttribute('data-glm-src')).filter(s => s) : [];
          return JSON.stringify({ boxes, stack });
        }
        """;

    private readonly Func<string> _locateExecutable;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IBrowser? _browser;
    private IPage? _page;
    private string? _userDataDir;

    /// <param name="locateExecutable">Finds the Chromium executable (throws <see cref="UserInputException"/> when there is none).</param>
    /// <param name="timeout">How long one page may take to load and measure.</param>
    public ChromiumElementProbe(Func<string> locateExecutable, TimeSpan timeout)
    {
        _locateExecutable = locateExecutable;
        _timeout = timeout;
    }

    public async Task<PageLayout> MeasureAsync(string taggedHtml, int width, int height, double deviceScaleFactor, (int X, int Y)? focus, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            try
            {
                var page = await PageAsync().WaitAsync(deadline.Token).ConfigureAwait(false);
                await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height, DeviceScaleFactor = deviceScaleFactor })
                    .WaitAsync(deadline.Token).ConfigureAwait(false);
                await page.SetContentAsync(taggedHtml, new SetContentOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] })
                    .WaitAsync(deadline.Token).ConfigureAwait(false);
                object? cssFocus = focus is { } f ? new[] { f.X / deviceScaleFactor, f.Y / deviceScaleFactor } : null;
                var json = await page.EvaluateFunctionAsync<string>(MeasureScript, cssFocus).WaitAsync(deadline.Token).ConfigureAwait(false);
                var png = await page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png, CaptureBeyondViewport = false, OptimizeForSpeed = true })
                    .WaitAsync(deadline.Token).ConfigureAwait(false);
                return Parse(json, png, (int)Math.Round(width * deviceScaleFactor), (int)Math.Round(height * deviceScaleFactor), deviceScaleFactor);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await ResetAsync().ConfigureAwait(false);
                throw new UserInputException(
                    $"The page did not load and lay out within {_timeout.TotalSeconds:0} s (a script that never ends, or one that blocks the page). " +
                    "Fix the page, or raise Rendering:TimeoutSeconds.");
            }
            catch (Exception e) when (e is PuppeteerException or ObjectDisposedException)
            {
                await ResetAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await ResetAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static PageLayout Parse(string json, byte[] png, int imageWidth, int imageHeight, double scale)
    {
        using var document = JsonDocument.Parse(json);
        var boxes = new List<ElementBox>();
        foreach (var item in document.RootElement.GetProperty("boxes").EnumerateArray())
        {
            var x = item[1].GetDouble() * scale;
            var y = item[2].GetDouble() * scale;
            var right = x + item[3].GetDouble() * scale;
            var bottom = y + item[4].GetDouble() * scale;
            var box = new PixelRect((int)Math.Floor(x), (int)Math.Floor(y), (int)Math.Ceiling(right) - (int)Math.Floor(x), (int)Math.Ceiling(bottom) - (int)Math.Floor(y));
            boxes.Add(new ElementBox(item[0].GetString() ?? string.Empty, box.ClipTo(imageWidth, imageHeight), item[5].GetBoolean()));
        }
        var stack = document.RootElement.GetProperty("stack").EnumerateArray().Select(s => s.GetString() ?? string.Empty).ToList();
        return new PageLayout(png, imageWidth, imageHeight, boxes, stack);
    }

    private async Task<IPage> PageAsync()
    {
        if (_browser is { IsConnected: true } && _page is { IsClosed: false } page)
            return page;
        await ResetAsync().ConfigureAwait(false);
        _userDataDir = Directory.CreateTempSubdirectory("glm-mcp-probe-").FullName;
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = _locateExecutable(),
            UserDataDir = _userDataDir,
            HeadlessMode = HeadlessMode.True,
            Pipe = true,
            Args = Switches,
            DefaultViewport = null,
        }).ConfigureAwait(false);
        var pages = await _browser.PagesAsync().ConfigureAwait(false);
        _page = pages.Length > 0 ? pages[0] : await _browser.NewPageAsync().ConfigureAwait(false);
        await _page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
        _page.Request += OnRequest;
        return _page;
    }

    private static async void OnRequest(object? sender, RequestEventArgs e)
    {
        try
        {
            var url = e.Request.Url;
            if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal) || url == "about:blank")
                await e.Request.ContinueAsync().ConfigureAwait(false);
            else
                await e.Request.AbortAsync().ConfigureAwait(false);
        }
        catch (PuppeteerException)
        {
            // The page went away while the request was pending; nothing is left to allow or block.
        }
    }

    private async Task ResetAsync()
    {
        var browser = _browser;
        _browser = null;
        _page = null;
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
            {
                if (browser.Process is { HasExited: false } process)
                    process.Kill(entireProcessTree: true);
            }
            await browser.DisposeAsync().ConfigureAwait(false);
        }
        if (_userDataDir is { } folder)
        {
            _userDataDir = null;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a lock file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
