using System.Security.Cryptography;
using System.Text;
using GlmMcp.Core.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// DNS-rebinding and drive-by protection for the HTTP transport: a browser page on another origin (or a rebound
/// host name) gets 403; with a token configured, a request without <c>Authorization: Bearer …</c> gets 401.
/// </summary>
public sealed class LoopbackGuardMiddleware(RequestDelegate next, IOptions<HttpTransportOptions> settings)
{
    private readonly HttpTransportOptions _options = settings.Value;
    private readonly byte[]? _token = string.IsNullOrEmpty(settings.Value.Token) ? null : Encoding.UTF8.GetBytes(settings.Value.Token);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HostIsAllowed(context.Request.Host) || !OriginIsAllowed(context.Request.Headers.Origin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Forbidden: requests must come from a loopback origin (see --host / Http:AllowedOrigins).");
            return;
        }
        if (_token is not null && !HasToken(context.Request.Headers.Authorization))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsync("Unauthorized: send 'Authorization: Bearer <token>' (the --token the server was started with).");
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Without a token the Host must be loopback (or the bound address), which defeats DNS rebinding. With a token any
    /// Host is served, so a shared server is reachable by its DNS or service name: a rebound page cannot send the
    /// bearer token, which the next check requires.
    /// </summary>
    private bool HostIsAllowed(HostString host) =>
        _token is not null || !host.HasValue || UrlPolicy.IsLoopbackHost(host.Host) || host.Host == _options.Host;

    private bool OriginIsAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
            return true;
        if (_options.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase))
            return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && UrlPolicy.IsLoopbackHost(uri.Host);
    }

    private bool HasToken(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, _token);
    }
}
