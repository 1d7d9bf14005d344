using GlmMcp.Core.Security;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// Decides which requests a page may make. <c>data:</c> and <c>blob:</c> always load; <c>file:</c> only under the
/// request's roots (every link resolved by <see cref="AllowedRoots"/>), and the server reads those files itself (see
/// <see cref="ExistingFile"/>) so Chromium never follows a link on its own; http(s) only where the URL policy allows.
/// Everything else is blocked.
/// </summary>
internal sealed class RenderSandbox
{
    private readonly AllowedRoots? _roots;
    private readonly UrlPolicy? _urls;
    private readonly UrlPolicy _browserHosts;

    private RenderSandbox(AllowedRoots? roots, UrlPolicy? urls, UrlPolicy browserHosts)
    {
        _roots = roots;
        _urls = urls;
        _browserHosts = browserHosts;
    }

    /// <summary>HTML given as text: offline, only inline content.</summary>
    public static RenderSandbox Offline(UrlPolicy browserHosts) => new(null, null, browserHosts);

    public static RenderSandbox ForFile(AllowedRoots roots, UrlPolicy urls) => new(roots, urls, urls);

    public static RenderSandbox ForUrl(UrlPolicy urls) => new(null, urls, urls);

    public bool Allows(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("blob:", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return false;
        if (uri.IsFile)
            return _roots is not null && _roots.Allows(url);
        if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            return _urls is not null && _urls.IsAllowed(uri);
        return false;
    }

    /// <summary>Whether <paramref name="url"/> is a <c>file:</c> URL, which the server answers itself.</summary>
    public static bool IsFile(string url) => url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The real path of an allowed <c>file:</c> URL's file, or null when there is no such file under the roots.</summary>
    public string? ExistingFile(string url)
    {
        if (_roots is null)
            return null;
        try
        {
            return _roots.ResolveExistingFile(url);
        }
        catch (UserInputException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a WebSocket to <paramref name="url"/> gets through: it is not intercepted, so only the browser's dead
    /// proxy stops it, and that lets loopback and allow-listed hosts through whatever the page is (a known gap for HTML text).
    /// </summary>
    public bool AllowsWebSocket(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && _browserHosts.IsAllowed(uri);
}
