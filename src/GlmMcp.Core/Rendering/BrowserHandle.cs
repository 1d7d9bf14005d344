using GlmMcp.Core.Security;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// One running Chromium with its own temporary profile. Talks over a pipe, so Chromium also exits if this process
/// dies without cleaning up. Disposing closes it, kills whatever is left, and deletes the profile.
/// </summary>
internal sealed class BrowserHandle : IAsyncDisposable
{
    /// <summary>How long a polite Browser.close may take before the process tree is killed.</summary>
    private static readonly TimeSpan _closeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Switches on top of PuppeteerSharp's defaults: no sandbox (containers and CI lack user namespaces), software
    /// rendering, and nothing that phones home. (<c>--disable-frame-rate-limit</c> halves a lone screenshot's wait for a
    /// frame, but with several tabs rendering at once some screenshots then never get their frame: it stays off.)
    /// </summary>
    private static readonly string[] _switches =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-domain-reliability",
        // WebRTC may only use the (dead) proxy, so no UDP packet leaves for a STUN server.
        "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    ];

    /// <summary>
    /// A proxy nothing answers on (port 9 is the discard port). Request interception decides http(s), but WebSockets,
    /// prefetches, speculation rules and other connections bypass it; sending them to a dead proxy keeps them offline
    /// too. In the default context loopback goes direct (Chromium's implicit bypass), and so do allow-listed hosts
    /// (added to the bypass list); in <see cref="OfflineContext"/> nothing does.
    /// </summary>
    private const string DeadProxyAddress = "127.0.0.1:9";

    /// <summary>Removes Chromium's implicit proxy bypass for localhost and loopback addresses.</summary>
    private const string NoLoopbackBypass = "<-loopback>";

    /// <summary>Temporary profile folders are named with this prefix, so leftovers of a killed server can be found.</summary>
    public const string ProfilePrefix = "glm-mcp-chromium-";

    /// <summary>A profile folder this old with no browser using it was left by a server that was killed.</summary>
    private static readonly TimeSpan _staleProfileAge = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _gone = new();
    private int _pageCount;
    private int _disposed;

    private BrowserHandle(IBrowser browser, IBrowserContext offlineContext, string userDataDir, IPage initialPage)
    {
        Browser = browser;
        OfflineContext = offlineContext;
        UserDataDir = userDataDir;
        InitialPage = initialPage;
        browser.Disconnected += (_, _) => _ = _gone.CancelAsync();
    }

    /// <summary>Cancelled when the connection to Chromium drops (it exited, crashed or was killed).</summary>
    public CancellationToken Gone => _gone.Token;

    public IBrowser Browser { get; }

    /// <summary>
    /// The context HTML text renders in: every connection it makes, loopback included, goes to the dead proxy, so a
    /// WebSocket, prefetch or STUN packet that request interception does not see still reaches nothing.
    /// </summary>
    public IBrowserContext OfflineContext { get; }

    public string UserDataDir { get; }

    /// <summary>The tab Chromium opens at start; the pool takes it as its first page.</summary>
    public IPage? InitialPage { get; set; }

    public bool IsAlive => Volatile.Read(ref _disposed) == 0 && Browser.IsConnected && Browser.Process is { HasExited: false };

    /// <summary>Pages of this browser that are open (in use or idle).</summary>
    public int PageCount => Volatile.Read(ref _pageCount);

    public void PageOpened() => Interlocked.Increment(ref _pageCount);

    public void PageClosed() => Interlocked.Decrement(ref _pageCount);

    public static async Task<BrowserHandle> LaunchAsync(string executable, RenderingOptions options, UrlPolicy urls, ILoggerFactory loggerFactory)
    {
        ChromiumProcesses.RemoveStaleProfiles(Path.GetTempPath(), ProfilePrefix, _staleProfileAge);
        var userDataDir = Directory.CreateTempSubdirectory(ProfilePrefix).FullName;
        try
        {
            WritePreferences(userDataDir);
            var launch = new LaunchOptions
            {
                ExecutablePath = executable,
                UserDataDir = userDataDir,
                HeadlessMode = HeadlessMode.True,
                Pipe = true,
                Args = [.. _switches, "--proxy-server=" + DeadProxyAddress, .. ProxyBypass(urls), HostResolverRules(urls), .. options.ExtraArgs],
                // Chromium's popup blocker stays on: a popup would be a page outside the sandbox's interception.
                IgnoredDefaultArgs = ["--disable-popup-blocking"],
                DefaultViewport = null,
                Timeout = (int)TimeSpan.FromSeconds(Math.Max(30, options.TimeoutSeconds)).TotalMilliseconds,
                // Above the render budget: our own deadlines decide, this only stops a call hanging forever.
                ProtocolTimeout = (int)(options.Timeout + TimeSpan.FromSeconds(30)).TotalMilliseconds,
            };
            var browser = await Puppeteer.LaunchAsync(launch, loggerFactory).ConfigureAwait(false);
            var pages = await browser.PagesAsync().ConfigureAwait(false);
            var initial = pages.Length > 0 ? pages[0] : await browser.NewPageAsync().ConfigureAwait(false);
            var offline = await browser.CreateBrowserContextAsync(
                new BrowserContextOptions { ProxyServer = DeadProxyAddress, ProxyBypassList = [NoLoopbackBypass] }).ConfigureAwait(false);
            return new BrowserHandle(browser, offline, userDataDir, initial);
        }
        catch
        {
            ChromiumProcesses.KillUsing(userDataDir);
            DeleteFolder(userDataDir);
            throw;
        }
    }

    /// <summary>
    /// The profile's preferences, written before Chromium starts: WebRTC may only use UDP through a proxy, and the
    /// proxies here do not carry UDP, so no STUN packet leaves (the command-line switch alone does not reach the
    /// renderer's preferences). Incognito contexts, the offline one included, inherit these.
    /// </summary>
    private static void WritePreferences(string userDataDir)
    {
        var profile = Directory.CreateDirectory(Path.Join(userDataDir, "Default")).FullName;
        File.WriteAllText(Path.Join(profile, "Preferences"),
            """{"webrtc":{"ip_handling_policy":"disable_non_proxied_udp","multiple_routes_enabled":false,"nonproxied_udp_enabled":false}}""");
    }

    private static IEnumerable<string> ProxyBypass(UrlPolicy urls) =>
        urls.AllowedHosts.Count == 0 ? [] : ["--proxy-bypass-list=" + string.Join(';', urls.AllowedHosts)];

    /// <summary>
    /// Host names other than loopback and the allow-list never resolve, so not even a DNS lookup (a dns-prefetch hint,
    /// a blocked request's host) carries data out of the sandbox.
    /// </summary>
    private static string HostResolverRules(UrlPolicy urls) =>
        // PuppeteerSharp joins the switches into one command line, so a value with spaces needs quotes.
        "--host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.*, EXCLUDE [::1]" +
        string.Concat(urls.AllowedHosts.Select(host => ", EXCLUDE " + host)) + "\"";

    /// <summary>Kills the browser at once (a hung renderer can keep a polite close waiting).</summary>
    public void Kill()
    {
        if (Browser.Process is { } process)
            ChromiumProcesses.Kill(process.Id);
        ChromiumProcesses.KillUsing(UserDataDir);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            if (Browser.IsConnected)
                await Browser.CloseAsync().WaitAsync(_closeTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            // Killed below.
        }
        Kill();
        try
        {
            await Browser.DisposeAsync().AsTask().WaitAsync(_closeTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or PuppeteerException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone already; only PuppeteerSharp's bookkeeping was left.
        }
        DeleteFolder(UserDataDir);
    }

    private static void DeleteFolder(string path)
    {
        // Chromium's last writes can race the delete right after it exits; a few retries settle it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                    Directory.Delete(path, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(50);
            }
        }
    }
}
