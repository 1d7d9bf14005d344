using System.Net;
using System.Text.Json;
using GlmMcp.Core.Security;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// A tab kept open between renders. Its event handlers are wired once; each render plugs in its own
/// <see cref="RenderCapture"/>. After a render the tab navigates to about:blank in the background, so the next
/// render starts from a fresh document (new JS globals) without paying for the navigation.
/// </summary>
internal sealed class PooledPage
{
    private const string BlankUrl = "about:blank";

    /// <summary>Largest file a page may load (an image, a font, a stylesheet); larger ones fail the request.</summary>
    private const long MaxFileBytes = 64L << 20;

    private static readonly TimeSpan _resetTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Captures of one screenshot that may be pending at once (a large full-page capture can be slow, not stuck).</summary>
    private const int MaxCaptureRequests = 3;

    private readonly ILogger _logger;

    /// <summary>How long a screenshot waits for its tab's frame before the tab is brought to the front and asked again.</summary>
    private readonly TimeSpan _frameWait;

    private readonly CancellationTokenSource _died = new();
    private RenderCapture? _capture;
    private int _closed;
    private ViewPortOptions? _viewport;

    public PooledPage(IPage page, BrowserHandle owner, bool offline, TimeSpan frameWait, ILogger logger)
    {
        _frameWait = frameWait;
        Page = page;
        Owner = owner;
        Offline = offline;
        _logger = logger;
        page.Request += (_, e) => _ = DecideAsync(e.Request);
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
                _capture?.ConsoleError(e.Message.Text);
        };
        page.PageError += (_, e) => _capture?.ConsoleError("Uncaught " + e.Message);
        // WebSockets, WebTransport, prefetches and speculation rules skip request interception; the dead proxy stops
        // those the sandbox does not allow, and this lists them.
        page.Client.MessageReceived += (_, e) =>
        {
            if (_capture is not { } capture)
                return;
            var url = e.MessageID switch
            {
                "Network.webSocketCreated" or "Network.webTransportCreated" => e.MessageData.TryGetProperty("url", out var u) ? u.GetString() : null,
                "Network.requestWillBeSent" => e.MessageData.TryGetProperty("request", out var r) && r.TryGetProperty("url", out var u) ? u.GetString() : null,
                _ => null,
            };
            if (url is not null && !capture.Sandbox.AllowsConnection(url) && !capture.Sandbox.Allows(url))
                capture.Blocked(url);
        };
        // alert()/confirm() would block the page until the timeout.
        page.Dialog += (_, e) => _ = DismissAsync(e.Dialog);
        // A crashed renderer (killed, out of memory) or a target that went away leaves a tab that never loads again.
        page.Error += (_, e) => MarkDead("crashed: " + e.Error);
        page.Close += (_, _) => MarkDead("closed");
    }

    /// <summary>Whether the tab's renderer crashed or its target closed; such a tab is replaced, never reused.</summary>
    public bool IsDead => _died.IsCancellationRequested || Page.IsClosed;

    /// <summary>Cancelled when the tab dies, so a render in flight on it stops at once instead of waiting for its deadline.</summary>
    public CancellationToken Died => _died.Token;

    public IPage Page { get; }

    /// <summary>What the current render is doing, for the log line when it times out.</summary>
    public string Stage { get; set; } = "";

    public BrowserHandle Owner { get; }

    /// <summary>Whether the tab lives in the browser's offline context (for HTML text).</summary>
    public bool Offline { get; }

    /// <summary>The background navigation to about:blank after the last render; completed for a fresh page.</summary>
    public Task Reset { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Opens a tab in the offline or the default context. Interception is on before the caller loads anything, so
    /// the sandbox holds from the tab's first page.
    /// </summary>
    public static async Task<PooledPage> OpenAsync(BrowserHandle owner, bool offline, TimeSpan frameWait, ILogger logger)
    {
        IPage? page = null;
        if (!offline)
        {
            page = owner.InitialPage;
            owner.InitialPage = null;
        }
        // Its own window: a background tab of a shared window is hidden, and a hidden tab may never paint the
        // frame a screenshot waits for.
        var window = new CreatePageOptions { Type = CreatePageType.Window };
        page ??= await (offline ? owner.OfflineContext : owner.Browser.DefaultContext).NewPageAsync(window).ConfigureAwait(false);
        try
        {
            await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            // A tab whose renderer crashed before it was ever used (the browser's first tab, say): close what is left.
            _ = page.CloseAsync().ContinueWith(t => logger.LogDebug(t.Exception, "Closing a dead new tab failed"), TaskContinuationOptions.OnlyOnFaulted);
            throw;
        }
        owner.PageOpened();
        return new PooledPage(page, owner, offline, frameWait, logger);
    }

    public void Begin(RenderCapture capture) => _capture = capture;

    /// <summary>Sets the viewport only when it differs from the last render's: each change costs a CDP round trip and a relayout.</summary>
    public async Task EnsureViewportAsync(int width, int height, double deviceScaleFactor)
    {
        if (_viewport is { } v && v.Width == width && v.Height == height && v.DeviceScaleFactor == deviceScaleFactor)
            return;
        var viewport = new ViewPortOptions { Width = width, Height = height, DeviceScaleFactor = deviceScaleFactor };
        _viewport = null;
        await Page.SetViewportAsync(viewport).ConfigureAwait(false);
        _viewport = viewport;
    }

    /// <summary>
    /// Takes the screenshot with <c>Page.captureScreenshot</c> on this tab's own DevTools session. PuppeteerSharp's
    /// screenshot call is not used: it queues every screenshot of the browser behind one another and holds a lock of the
    /// browser context until Chromium answers, which closing a tab waits for too. Chromium answers a capture with the
    /// tab's next frame, and a tab sometimes draws none (seen when its capture waited its turn behind another tab's), so
    /// one unanswered capture held every other tab's screenshot and close until the render timeout, and then cost the
    /// whole browser. Here tabs capture side by side, and a capture with no answer after <see cref="_frameWait"/> brings
    /// its tab to the front and asks again (the first answer is used), all within <paramref name="token"/>.
    /// </summary>
    public async Task<byte[]> CaptureAsync(RenderFormat format, int? quality, PuppeteerSharp.Media.Clip? clip, CancellationToken token)
    {
        var args = new Dictionary<string, object>
        {
            ["format"] = format == RenderFormat.Jpeg ? "jpeg" : "png",
            ["captureBeyondViewport"] = clip is not null,
            ["optimizeForSpeed"] = true,
        };
        if (quality is { } q)
            args["quality"] = q;
        if (clip is not null)
            args["clip"] = new { x = clip.X, y = clip.Y, width = clip.Width, height = clip.Height, scale = 1 };
        var asked = new List<Task<JsonElement>>();
        while (true)
        {
            if (asked.Count < MaxCaptureRequests)
            {
                var capture = Page.Client.SendAsync<JsonElement>("Page.captureScreenshot", args);
                // The captures not used may still fail later (the tab closes, the protocol times out): seen here, not as unobserved exceptions.
                _ = capture.ContinueWith(t => _logger.LogDebug(t.Exception, "A screenshot request failed"), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                asked.Add(capture);
            }
            await Task.WhenAny(Task.WhenAny(asked), Task.Delay(_frameWait, token)).ConfigureAwait(false);
            token.ThrowIfCancellationRequested();
            if (asked.FirstOrDefault(t => t.IsCompleted) is { } answered)
            {
                var result = await answered.ConfigureAwait(false);
                return Convert.FromBase64String(result.GetProperty("data").GetString()
                    ?? throw new InvalidOperationException("Chromium answered a screenshot without its data."));
            }
            _logger.LogWarning("A screenshot got no frame from its tab within {Seconds} s; bringing the tab to the front and asking again",
                _frameWait.TotalSeconds);
            await Page.Client.SendAsync("Page.bringToFront").WaitAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the render: stops collecting and starts the navigation to a blank document.</summary>
    public void End()
    {
        _capture = null;
        Reset = ResetAsync();
    }

    /// <summary>Closes the tab within <paramref name="timeout"/>; throws when it cannot (the caller then kills the browser).</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _capture = null;
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        Owner.PageClosed();
        // Stops a runaway script (while(true){}) so the renderer can process the close.
        _ = Page.Client.SendAsync("Runtime.terminateExecution").ContinueWith(
            t => _logger.LogDebug(t.Exception, "terminateExecution failed"), TaskContinuationOptions.OnlyOnFaulted);
        await Page.CloseAsync().WaitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Navigates to about:blank, which also stops the last page's timers and animations. A page whose script still
    /// runs cannot navigate: it is closed right away rather than left burning a CPU until the pool reaches it.
    /// </summary>
    private async Task ResetAsync()
    {
        try
        {
            await Page.GoToAsync(BlankUrl, new NavigationOptions { Timeout = 0 }).WaitAsync(_resetTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDead && e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            // A crashed tab is closed when the pool next looks at it; it is no reason to kill the browser.
            _logger.LogDebug(e, "A dead tab did not reset");
            throw;
        }
        catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(e, "A tab did not reset; closing it");
            try
            {
                await CloseAsync(_resetTimeout).ConfigureAwait(false);
            }
            catch (Exception closing) when (closing is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
            {
                _logger.LogWarning(closing, "A Chromium tab stuck in a script would not close; killing the browser, the next render relaunches it");
                Owner.Kill();
            }
            throw;
        }
    }

    private async Task DecideAsync(IRequest request)
    {
        var capture = _capture;
        try
        {
            if (capture is not null && capture.Sandbox.Allows(request.Url))
            {
                if (RenderSandbox.IsFile(request.Url))
                    await ServeFileAsync(request, capture.Sandbox, capture.Sandbox.ExistingFile(request.Url)).ConfigureAwait(false);
                else
                    await request.ContinueAsync().ConfigureAwait(false);
                return;
            }
            capture?.Blocked(request.Url);
            await request.AbortAsync(RequestAbortErrorCode.BlockedByClient).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(e, "Request decision for {Url} not delivered (the tab closed)", request.Url);
        }
    }

    private void MarkDead(string why)
    {
        if (_died.IsCancellationRequested)
            return;
        if (Volatile.Read(ref _closed) == 0 && Owner.IsAlive)
            _logger.LogWarning("A Chromium tab {Why}; it will be replaced", why);
        // Callbacks run on the thread pool, not inside PuppeteerSharp's message loop that raised the event.
        _ = _died.CancelAsync();
    }

    /// <summary>
    /// Answers a <c>file:</c> request with the bytes of the checked file, read through a handle verified to be that
    /// file, so a link swapped in after the check is never followed; a missing, unreadable or oversized file fails the request.
    /// A file the render overrides (an edit not yet written) is answered with the override's text.
    /// </summary>
    private async Task ServeFileAsync(IRequest request, RenderSandbox sandbox, string? realPath)
    {
        byte[]? body = null;
        if (realPath is not null && sandbox.OverrideFor(realPath) is { } text)
        {
            body = System.Text.Encoding.UTF8.GetBytes(text);
        }
        else if (realPath is not null)
        {
            try
            {
                await using var stream = VerifiedFile.OpenRead(realPath);
                if (stream.Length <= MaxFileBytes)
                {
                    body = new byte[stream.Length];
                    await stream.ReadExactlyAsync(body).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is UserInputException or IOException or UnauthorizedAccessException)
            {
                _logger.LogDebug(e, "The page's file {Url} could not be read", request.Url);
            }
        }
        if (body is null)
        {
            await request.AbortAsync(RequestAbortErrorCode.Failed).ConfigureAwait(false);
            return;
        }
        await request.RespondAsync(new ResponseData
        {
            Status = HttpStatusCode.OK,
            BodyData = body,
            ContentType = FileContentTypes.Of(realPath!),
        }).ConfigureAwait(false);
    }

    private async Task DismissAsync(Dialog dialog)
    {
        try
        {
            await dialog.Dismiss().ConfigureAwait(false);
        }
        catch (PuppeteerException e)
        {
            _logger.LogDebug(e, "Dismissing a dialog failed");
        }
    }
}
