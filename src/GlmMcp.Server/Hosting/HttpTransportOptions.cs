using System.Net;
using GlmMcp.Core;
using Microsoft.Extensions.Configuration;

namespace GlmMcp.Server.Hosting;

/// <summary>The HTTP transport (section <c>Http</c>): where to bind and who may call.</summary>
public sealed class HttpTransportOptions
{
    public const string Section = "Http";
    public const int DefaultPort = 8931;

    public bool Enabled { get; set; }

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = DefaultPort;

    /// <summary>When set, every request needs <c>Authorization: Bearer {Token}</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Origins (scheme://host[:port]) browsers may call from besides loopback pages.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Binds and validates the section; a bad value throws <see cref="UserInputException"/> naming the setting.</summary>
    public static HttpTransportOptions From(IConfiguration configuration)
    {
        var options = new HttpTransportOptions();
        try
        {
            configuration.GetSection(Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException($"Http settings: {e.InnerException?.Message ?? e.Message}", e);
        }
        if (options.Port is < 0 or > 65535)
            throw new UserInputException($"Http:Port (--port) must be 0–65535, got {options.Port}.");
        if (!IPAddress.TryParse(options.Host, out var address) && options.Host != "localhost")
            throw new UserInputException($"Http:Host (--host) must be an IP address or 'localhost', got '{options.Host}'.");
        if (address is not null && !IPAddress.IsLoopback(address) && string.IsNullOrEmpty(options.Token))
            throw new UserInputException(
                $"Http:Host (--host) {options.Host} is reachable from other machines; set a bearer token with --token (or GLM_MCP_Http__Token) to bind it.");
        if (options.Token is { Length: > 0 and < 16 })
            throw new UserInputException("Http:Token (--token) is too short; use at least 16 characters (e.g. `openssl rand -hex 24`).");
        return options;
    }

    /// <summary>The address Kestrel binds.</summary>
    public IPAddress BindAddress => Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Host);
}
