using System.Net;
using System.Net.Sockets;

namespace GlmMcp.Core.Security;

/// <summary>
/// Which URLs a tool may load or fetch: loopback (local dev servers) always; anything else only when its host
/// is allow-listed. Private, link-local and unspecified addresses are refused with a message that says so.
/// </summary>
public sealed class UrlPolicy
{
    private readonly string[] _allowedHosts;

    public UrlPolicy(IEnumerable<string> allowedHosts)
    {
        _allowedHosts = allowedHosts.Where(h => !string.IsNullOrWhiteSpace(h))
            .Select(h => h.Trim().ToLowerInvariant()).ToArray();
    }

    public IReadOnlyList<string> AllowedHosts => _allowedHosts;

    /// <summary>Parses and checks <paramref name="url"/>; throws <see cref="UserInputException"/> when it may not be used.</summary>
    public Uri Check(string url, string argumentName = "url")
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new UserInputException($"'{argumentName}' must be an absolute http(s) URL, got '{InputEcho.Truncate(url)}'.");
        if (IsAllowed(uri))
            return uri;
        var kind = IPAddress.TryParse(uri.IdnHost, out var ip) && IsPrivate(ip) ? "a private-network address" : "not a loopback host";
        throw new UserInputException(
            $"'{argumentName}' points at {InputEcho.Truncate(uri.Host)}, which is {kind}. Only loopback URLs (localhost, 127.0.0.1, [::1]) are allowed; " +
            "allow-list other hosts with --allow-host (GLM_MCP_Security__AllowedHosts__0).");
    }

    /// <summary>True for loopback hosts and allow-listed hosts (exact name or <c>*.suffix</c>).</summary>
    public bool IsAllowed(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant().Trim('[', ']');
        if (IsLoopbackHost(host))
            return true;
        foreach (var allowed in _allowedHosts)
        {
            if (allowed == host || (allowed.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(allowed[1..], StringComparison.Ordinal)))
                return true;
        }
        return false;
    }

    /// <summary><c>localhost</c>, <c>*.localhost</c>, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopbackHost(string host)
    {
        host = host.Trim('[', ']').ToLowerInvariant();
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
            return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>RFC 1918, carrier-grade NAT, link-local, unique-local and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) ||
                   (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] == 0;
        }
        return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || ip.Equals(IPAddress.IPv6Any);
    }

}
