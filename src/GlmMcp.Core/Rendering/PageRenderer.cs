using System.Diagnostics;
using GlmMcp.Core.Concurrency;
using GlmMcp.Core.Security;
using GlmMcp.Core.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PuppeteerSharp;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// Renders pages in one headless Chromium per server: launched on first use, relaunched when it dies, with a small
/// pool of tabs reused between renders. Every render is bounded by <see cref="RenderingOptions.TimeoutSeconds"/>;
/// a tab that overruns it is closed (or, when it will not close, the whole browser is killed) and the next render
/// gets a fresh one. Disposing closes Chromium and removes its temporary profile.
/// </summary>
public sealed class PageRenderer : IPageRenderer, IAsyncDisposable, IDisposable
{
    public const int DefaultJpegQuality = 80;

    /// <summary>HTML text larger than this goes through a file instead (it travels in one CDP message).</summary>
    public const int MaxHtmlChars = 10_000_000;

    /// <summary>Bound on starting Chromium and opening or resetting a tab, apart from the render budget.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long an error from Chromium waits for the crash event of a tab that may have died with it.</summary>
    private static readonly TimeSpan CrashEventGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt to open a tab may take before another is opened (within <see cref="StartupTimeout"/>).</summary>
    private static readonly TimeSpan TabOpenAttempt = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan _tabCloseTimeout = TimeSpan.FromSeconds(3);

    private readonly RenderingOptions _options;
    private readonly UrlPolicy _urlPolicy;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly FairGate _slots;
    private readonly Lock _gate = new();
    private readonly List<PooledPage> _idle = [];
    private readonly List<Task> _retiring = [];
    private Task<BrowserHandle>? _browser;
    private bool _disposed;

    public PageRenderer(RenderingOptions options, UrlPolicy urlPolicy, ILoggerFactory? loggerFactory = null)
    {
        _options = new RenderingOptionsValidator().ThrowIfInvalid(options);
        _urlPolicy = urlPolicy;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<PageRenderer>();
        _slots = new FairGate(options.PoolSize, options.MaxQueuedPerClient, "Chromium's render pool",
            "raise Rendering:PoolSize (GLM_MCP_Rendering__PoolSize)");
    }

    /// <summary>The running browser's process id, or null before the first render (for diagnostics and tests).</summary>
    public int? BrowserProcessId =>
        _browser is { IsCompletedSuccessfully: true } browser ? browser.Result.Browser.Process?.Id : null;

    /// <summary>Renders waiting for a slot, all clients together (for diagnostics and tests).</summary>
    public int QueuedRenders => _slots.Queued;

    /// <summary>The running browser's temporary profile folder, or null before the first render.</summary>
    public string? BrowserUserDataDir =>
        _browser is { IsCompletedSuccessfully: true } browser ? browser.Result.UserDataDir : null;

    public async Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var plan = Plan(request);
        var budget = _options.Timeout + TimeSpan.FromMilliseconds(request.WaitForMs);
        var result = await RunOnPageAsync(plan, budget, (page, token) => RenderOnAsync(page, request, plan, token), TimedOut, cancellationToken)
            .ConfigureAwait(false);
        return result with { ElapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds };
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a blank tab of the offline context (no network at all, not even loopback;
    /// only <c>data:</c> and <c>blob:</c> load), in a pool slot like a render, within <paramref name="budget"/>.
    /// PDFs and videos are decoded this way (pdf.js, <c>&lt;video&gt;</c>) with the bytes handed over by script.
    /// </summary>
    /// <param name="timedOut">The error for a run that overran <paramref name="budget"/>.</param>
    internal Task<T> RunOfflineAsync<T>(Func<IPage, CancellationToken, Task<T>> work, TimeSpan budget, Func<TimeSpan, UserInputException> timedOut,
        CancellationToken cancellationToken)
    {
        var plan = new RenderPlan(BlankOfflinePage, null, RenderSandbox.Offline());
        return RunOnPageAsync(plan, budget, async (page, token) =>
        {
            page.Begin(new RenderCapture(plan.Sandbox));
            page.Stage = "page load";
            await page.Page.SetContentAsync(BlankOfflinePage, new SetContentOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] })
                .WaitAsync(token).ConfigureAwait(false);
            page.Stage = "script";
            return await work(page.Page, token).ConfigureAwait(false);
        }, timedOut, cancellationToken);
    }

    private const string BlankOfflinePage = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body></body></html>";

    private async Task<T> RunOnPageAsync<T>(RenderPlan plan, TimeSpan budget, Func<PooledPage, CancellationToken, Task<T>> work,
        Func<TimeSpan, UserInputException> timedOut, CancellationToken cancellationToken)
    {
        // Slots go to the client with the fewest in use, so another client's backlog of hung pages costs a wait of
        // about one render timeout. A slot is held for a render's budget plus opening a tab (StartupTimeout); a
        // request that waited that long anyway is told the pool is busy rather than queued on.
        using var slot = await _slots.EnterAsync(budget + StartupTimeout, budget, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var page = await AcquireAsync(plan.Sandbox.IsOffline, cancellationToken).ConfigureAwait(false);
            // The budget covers the page itself; starting Chromium has its own bound (StartupTimeout). A tab or
            // browser that dies ends the attempt at once.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, page.Died, page.Owner.Gone);
            deadline.CancelAfter(budget);
            try
            {
                var result = await work(page, deadline.Token).ConfigureAwait(false);
                Release(page);
                return result;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (await HasDiedAsync(page, e).ConfigureAwait(false))
                {
                    await AbandonAsync(page).ConfigureAwait(false);
                    if (attempt > 1)
                        throw Crashed(e);
                    _logger.LogWarning(e, "Chromium's tab or browser died during a render; retrying once on a fresh tab");
                    continue;
                }
                if (e is UserInputException)
                {
                    Release(page);
                    throw;
                }
                await AbandonAsync(page).ConfigureAwait(false);
                if (e is OperationCanceledException)
                {
                    _logger.LogWarning("A render timed out during {Stage}", page.Stage);
                    throw timedOut(budget);
                }
                if (e is PuppeteerException)
                    throw Failed(page.Stage, e);
                throw;
            }
            catch
            {
                await AbandonAsync(page).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>
    /// Whether the attempt failed because its tab or browser died. A DevTools call cut off by a dying renderer can fail
    /// before the tab's crash event arrives, so after an error from Chromium that event gets a moment to come in.
    /// </summary>
    private static async Task<bool> HasDiedAsync(PooledPage page, Exception e)
    {
        if (page.IsDead || !page.Owner.IsAlive)
            return true;
        if (e is not PuppeteerException && e.InnerException is not PuppeteerException)
            return false;
        using var died = CancellationTokenSource.CreateLinkedTokenSource(page.Died, page.Owner.Gone);
        await Task.Delay(CrashEventGrace, died.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        return page.IsDead || !page.Owner.IsAlive;
    }

    public async ValueTask DisposeAsync()
    {
        Task<BrowserHandle>? browser;
        Task[] retiring;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            browser = _browser;
            _browser = null;
            _idle.Clear();
            retiring = _retiring.ToArray();
        }
        if (browser is not null)
        {
            try
            {
                var handle = await browser.ConfigureAwait(false);
                await handle.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is PuppeteerException or UserInputException or IOException or InvalidOperationException)
            {
                _logger.LogDebug(e, "Chromium had not started, nothing to close");
            }
        }
        await Task.WhenAll(retiring).ConfigureAwait(false);
    }

    /// <summary>For containers disposed synchronously; prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Starts Chromium in the background when <see cref="RenderingOptions.Prelaunch"/> is on and it is not running yet,
    /// without waiting. A launch that fails is only logged here: the next render launches again and reports the error.
    /// </summary>
    public void Prelaunch()
    {
        if (!_options.Prelaunch)
            return;
        lock (_gate)
        {
            if (_disposed || _browser is not null)
                return;
        }
        Task<BrowserHandle> launch;
        try
        {
            launch = GetBrowserAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _ = launch.ContinueWith(
            t => _logger.LogInformation(t.Exception?.GetBaseException(), "Starting Chromium ahead of the first render failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private RenderPlan Plan(RenderRequest request)
    {
        var given = new[] { ("html", request.Html is not null), ("path", request.FilePath is not null), ("url", request.Url is not null) }
            .Where(s => s.Item2).Select(s => $"'{s.Item1}'").ToArray();
        if (given.Length == 0)
            throw new UserInputException("Nothing to render: give one of 'html' (HTML text), 'path' (an HTML file under the allowed roots) or 'url' (a loopback http(s) URL).");
        if (given.Length > 1)
            throw new UserInputException($"Give exactly one of 'html', 'path' or 'url'; got {string.Join(" and ", given)}.");
        if (request.Width is < 1 or > RenderRequest.MaxImageEdge)
            throw new UserInputException($"'width' must be between 1 and {RenderRequest.MaxImageEdge} CSS pixels, got {request.Width}.");
        if (request.Height is < 1 or > RenderRequest.MaxImageEdge)
            throw new UserInputException($"'height' must be between 1 and {RenderRequest.MaxImageEdge} CSS pixels, got {request.Height}.");
        if (!(request.DeviceScaleFactor >= RenderRequest.MinDeviceScaleFactor && request.DeviceScaleFactor <= RenderRequest.MaxDeviceScaleFactor))
            throw new UserInputException($"'device_scale_factor' must be between {RenderRequest.MinDeviceScaleFactor} and {RenderRequest.MaxDeviceScaleFactor}, got {request.DeviceScaleFactor}.");
        var imageEdge = Math.Max(request.Width, request.Height) * request.DeviceScaleFactor;
        if (imageEdge > RenderRequest.MaxImageEdge)
            throw new UserInputException(
                $"The image would be {imageEdge:0} pixels on its longest side ('width'/'height' × 'device_scale_factor'); Chromium captures at most {RenderRequest.MaxImageEdge}. Lower the size or the scale.");
        if (request.WaitForMs is < 0 or > RenderRequest.MaxWaitForMs)
            throw new UserInputException($"'wait_for_ms' must be between 0 and {RenderRequest.MaxWaitForMs}, got {request.WaitForMs}.");
        if (request.Quality is < 1 or > 100)
            throw new UserInputException($"'quality' must be between 1 and 100, got {request.Quality}.");

        if (request.Html is not null)
        {
            if (Arguments.InlineArguments.TryGet(request.Html, out var inline))
                return InlineHtmlContent.Plan(inline, MaxHtmlChars);
            if (request.Html.Length > MaxHtmlChars)
                throw new UserInputException($"'html' is {request.Html.Length:N0} characters; the limit is {MaxHtmlChars:N0}. Save it to a file under an allowed root and pass 'path'.");
            return new RenderPlan(request.Html, null, RenderSandbox.Offline());
        }
        if (request.FilePath is not null)
        {
            var roots = request.Roots ?? throw new ArgumentException("RenderRequest.Roots is required to render a file.", nameof(request));
            var file = roots.ResolveExistingFile(request.FilePath, "path");
            return new RenderPlan(null, new Uri(file).AbsoluteUri, RenderSandbox.ForFile(roots, _urlPolicy, request.FileOverrides));
        }
        var url = _urlPolicy.Check(request.Url!, "url");
        return new RenderPlan(null, url.AbsoluteUri, RenderSandbox.ForUrl(_urlPolicy));
    }

    private static async Task<RenderResult> RenderOnAsync(PooledPage page, RenderRequest request, RenderPlan plan, CancellationToken token)
    {
        var capture = new RenderCapture(plan.Sandbox);
        page.Begin(capture);
        var tab = page.Page;
        page.Stage = "viewport change";
        await page.EnsureViewportAsync(request.Width, request.Height, request.DeviceScaleFactor).WaitAsync(token).ConfigureAwait(false);
        // Our deadline bounds the load; PuppeteerSharp's own timeout (0 = none) would only race it.
        if (plan.InlineHtml is not null)
        {
            page.Stage = "page load";
            await InlineHtmlContent.SetAsync(tab, plan.InlineHtml, token).ConfigureAwait(false);
        }
        else if (plan.Html is not null)
        {
            page.Stage = "page load";
            var content = new SetContentOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] };
            await tab.SetContentAsync(plan.Html, content).WaitAsync(token).ConfigureAwait(false);
        }
        else
        {
            page.Stage = "page load";
            try
            {
                var load = new NavigationOptions { Timeout = 0, WaitUntil = [WaitUntilNavigation.Load] };
                await tab.GoToAsync(plan.NavigateTo, load).WaitAsync(token).ConfigureAwait(false);
            }
            catch (NavigationException e)
            {
                var hint = capture.BlockedRequests().Count > 0 ? " It redirected somewhere the sandbox blocks." : " Is the server running and the file readable?";
                throw new UserInputException($"Could not load {InputEcho.Truncate(plan.NavigateTo)}: {e.Message}.{hint}", e);
            }
        }
        page.Stage = "wait_for_ms";
        if (request.WaitForMs > 0)
            await Task.Delay(request.WaitForMs, token).ConfigureAwait(false);
        string? scriptResult = null;
        if (request.Script is not null)
        {
            page.Stage = "script";
            scriptResult = await tab.EvaluateFunctionAsync<string>(request.Script, request.ScriptArgument).WaitAsync(token).ConfigureAwait(false);
        }
        IReadOnlyList<MatchedCssRule>? rules = null;
        var rulesMs = 0.0;
        if (request.MatchedRulesFor?.Invoke(scriptResult) is { } selector)
        {
            page.Stage = "matched CSS rules";
            var started = Stopwatch.GetTimestamp();
            rules = await CssRuleInspector.MatchedRulesAsync(tab, selector, token).ConfigureAwait(false);
            rulesMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        PuppeteerSharp.Media.Clip? clip = null;
        if (request.FullPage)
        {
            var contentHeight = await tab.EvaluateExpressionAsync<double>(
                "Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
                .WaitAsync(token).ConfigureAwait(false);
            var maxCssHeight = Math.Floor(RenderRequest.MaxImageEdge / request.DeviceScaleFactor);
            clip = new PuppeteerSharp.Media.Clip
            {
                X = 0,
                Y = 0,
                Width = request.Width,
                Height = (decimal)Math.Clamp(Math.Max(contentHeight, request.Height), 1, maxCssHeight),
            };
        }
        page.Stage = "screenshot";
        var quality = request.Format == RenderFormat.Jpeg ? request.Quality ?? DefaultJpegQuality : (int?)null;
        var image = await page.CaptureAsync(request.Format, quality, clip, token).ConfigureAwait(false);
        var (width, height) = ImageSize(image);
        return new RenderResult(
            image,
            request.Format == RenderFormat.Jpeg ? "image/jpeg" : "image/png",
            width,
            height,
            0,
            capture.BlockedRequests(),
            capture.ConsoleErrors(),
            scriptResult,
            rules,
            rulesMs);
    }

    /// <summary>The screenshot's size from its header (Chromium writes PNG or baseline JPEG), without copying it into a codec.</summary>
    private static (int Width, int Height) ImageSize(byte[] image)
    {
        var (format, width, height) = Imaging.ImageHeader.Read(image);
        return format is not null && width > 0 && height > 0
            ? (width, height)
            : throw new InvalidOperationException("Chromium returned a screenshot whose header holds no size.");
    }

    private async Task<PooledPage> AcquireAsync(bool offline, CancellationToken cancellationToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(StartupTimeout);
        try
        {
            while (true)
            {
                var handle = await GetBrowserAsync().WaitAsync(startup.Token).ConfigureAwait(false);
                var (reuse, discarded) = TakeIdle(handle, offline);
                foreach (var page in discarded)
                    await AbandonAsync(page).ConfigureAwait(false);
                if (reuse is null)
                {
                    var opening = PooledPage.OpenAsync(handle, offline, _options.FrameWait, _logger);
                    try
                    {
                        return await opening.WaitAsync(TabOpenAttempt, startup.Token).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        // A tab whose renderer died while it opened may never answer: open another, and close this
                        // one if it does open after all.
                        _logger.LogWarning("Opening a Chromium tab took over {Seconds} s; trying again", TabOpenAttempt.TotalSeconds);
                        _ = CloseWhenOpenedAsync(opening);
                        continue;
                    }
                    catch (OperationCanceledException)
                    {
                        _ = CloseWhenOpenedAsync(opening);
                        throw;
                    }
                    catch (Exception e) when (e is PuppeteerException or ObjectDisposedException or InvalidOperationException)
                    {
                        // A new tab that died at once, or a browser that went away: try again, within StartupTimeout.
                        _logger.LogWarning(e, "Opening a Chromium tab failed; trying again");
                        continue;
                    }
                }
                try
                {
                    await reuse.Reset.WaitAsync(startup.Token).ConfigureAwait(false);
                    return reuse;
                }
                catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
                {
                    _logger.LogDebug(e, "A pooled tab failed to reset; closing it");
                    await AbandonAsync(reuse).ConfigureAwait(false);
                    startup.Token.ThrowIfCancellationRequested();
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserInputException(
                $"Chromium did not start or open a tab within {StartupTimeout.TotalSeconds:0} s. Run 'glm-mcp doctor' to check it, " +
                $"or reinstall it: {ChromiumLocator.InstallCommand()}.");
        }
    }

    /// <summary>
    /// The oldest idle tab of <paramref name="handle"/> in the wanted context, or null when a new tab should be opened
    /// instead; and the tabs to close first: dead ones (a crashed renderer) and, when the pool is full, an idle tab of
    /// the other context to make room.
    /// </summary>
    private (PooledPage? Reuse, List<PooledPage> Discarded) TakeIdle(BrowserHandle handle, bool offline)
    {
        lock (_gate)
        {
            _idle.RemoveAll(p => p.Owner != handle);
            var discarded = _idle.FindAll(p => p.IsDead);
            _idle.RemoveAll(p => p.IsDead);
            var full = handle.PageCount - discarded.Count >= _options.PoolSize;
            var index = _idle.FindIndex(p => p.Offline == offline);
            if (index >= 0)
            {
                var head = _idle[index];
                // A tab still resetting is worth waiting for only when the pool is full; otherwise open another.
                if (!head.Reset.IsCompleted && !full)
                    return (null, discarded);
                _idle.RemoveAt(index);
                return (head, discarded);
            }
            if (full && _idle.Count > 0)
            {
                discarded.Add(_idle[0]);
                _idle.RemoveAt(0);
            }
            return (null, discarded);
        }
    }

    private Task<BrowserHandle> GetBrowserAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsCompleted: false } launching)
                return launching;
            if (_browser is { IsCompletedSuccessfully: true } running)
            {
                if (running.Result.IsAlive)
                    return running;
                _logger.LogWarning("Chromium (pid {Pid}) is gone; launching a new one", running.Result.Browser.Process?.Id);
                _idle.Clear();
                Retire(running.Result);
            }
            _browser = Task.Run(LaunchAsync);
            return _browser;
        }
    }

    private async Task<BrowserHandle> LaunchAsync()
    {
        var executable = ChromiumLocator.Locate(_options);
        var started = Stopwatch.GetTimestamp();
        var handle = await BrowserHandle.LaunchAsync(executable, _options, _urlPolicy, _loggerFactory).ConfigureAwait(false);
        _logger.LogInformation("Chromium {Path} started in {Ms:0} ms (pid {Pid})",
            executable, Stopwatch.GetElapsedTime(started).TotalMilliseconds, handle.Browser.Process?.Id);
        return handle;
    }

    private void Release(PooledPage page)
    {
        page.End();
        lock (_gate)
        {
            if (!_disposed && _browser is { IsCompletedSuccessfully: true } current && current.Result == page.Owner && page.Owner.IsAlive)
                _idle.Add(page);
        }
    }

    /// <summary>
    /// Closes a tab whose state is unknown; if it will not close (a renderer stuck in a script), kills the browser.
    /// A dead tab (crashed renderer) only needs its target closed; failing that is no reason to kill the browser.
    /// </summary>
    /// <summary>Closes a tab whose opening was given up on, once (and if) it opens.</summary>
    private async Task CloseWhenOpenedAsync(Task<PooledPage> opening)
    {
        try
        {
            await AbandonAsync(await opening.ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PuppeteerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _logger.LogDebug(e, "A tab given up on while opening did not open");
        }
    }

    private async Task AbandonAsync(PooledPage page)
    {
        if (!page.Owner.IsAlive)
            return;
        try
        {
            await page.CloseAsync(_tabCloseTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (page.IsDead && e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(e, "A dead Chromium tab was already gone");
        }
        catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogWarning(e, "A Chromium tab would not close; killing the browser, the next render relaunches it");
            page.Owner.Kill();
        }
    }

    private void Retire(BrowserHandle handle)
    {
        var disposal = handle.DisposeAsync().AsTask();
        _retiring.RemoveAll(t => t.IsCompleted);
        _retiring.Add(disposal);
    }

    private static UserInputException Crashed(Exception e) => new(
        "Chromium's renderer crashed twice while rendering this page (it may need more memory than Chromium allows, or " +
        "something killed Chromium's processes). Try again; if it keeps happening, simplify the page or run 'glm-mcp doctor'.", e);

    private static UserInputException Failed(string stage, Exception e) => new(
        $"Chromium failed during the {stage}: {InputEcho.Truncate(e.Message)}. Try again; if it keeps happening, run 'glm-mcp doctor'.", e);

    private static UserInputException TimedOut(TimeSpan budget) => new(
        $"The page did not finish loading and rendering within {budget.TotalSeconds:0.#} s — a script that never ends " +
        "(e.g. while(true){}) or a resource that never arrives. Fix the page, or raise Rendering:TimeoutSeconds " +
        "(GLM_MCP_Rendering__TimeoutSeconds).");
}
