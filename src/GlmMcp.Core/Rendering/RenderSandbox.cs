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
    private readonly IReadOnlyDictionary<string, string>? _overrides;

    private RenderSandbox(AllowedRoots? roots, UrlPolicy? urls, IReadOnlyDictionary<string, string>? overrides = null)
    {
        _roots = roots;
        _urls = urls;
        _overrides = overrides;
    }

    /// <summary>HTML given as text: offline, only inline content. It renders in the browser's offline context.</summary>
    public static RenderSandbox Offline() => new(null, null);

    /// <param name="overrides">Text served in place of files, by real path (<see cref="RenderRequest.FileOverrides"/>).</param>
    public static RenderSandbox ForFile(AllowedRoots roots, UrlPolicy urls, IReadOnlyDictionary<string, string>? overrides = null) => new(roots, urls, overrides);

    /// <summary>The text to serve instead of the file at <paramref name="realPath"/>, or null to serve the file.</summary>
    public string? OverrideFor(string realPath) => _overrides is not null && _overrides.TryGetValue(realPath, out var text) ? text : null;

    public static RenderSandbox ForUrl(UrlPolicy urls) => new(null, urls);

    /// <summary>True for HTML text: no network at all, not even loopback.</summary>
    public bool IsOffline => _roots is null && _urls is null;

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
    /// Whether a connection request interception does not see (a WebSocket, a WebTransport session) gets through.
    /// The dead proxy stops all of them in the offline context, and those to hosts other than loopback and the
    /// allow-list elsewhere; this only decides which are listed as blocked.
    /// </summary>
    public bool AllowsConnection(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && _urls is not null && _urls.IsAllowed(uri);
}
