using System.ComponentModel.DataAnnotations;
using System.Net;
using GlmMcp.Core.Settings;

namespace GlmMcp.Server.Hosting;

/// <summary>The HTTP transport (section <c>Http</c>): where to bind and who may call.</summary>
public sealed class HttpTransportOptions : IValidatableObject
{
    public const string Section = "Http";
    public const int DefaultPort = 8931;

    /// <summary>The shortest bearer token accepted.</summary>
    public const int MinTokenLength = 16;

    public bool Enabled { get; set; }

    public string Host { get; set; } = "127.0.0.1";

    [SettingRange(0, 65535, ErrorMessage = "Http:Port (--port) must be {1}–{2}, got {0}.")]
    public int Port { get; set; } = DefaultPort;

    /// <summary>When set, every request needs <c>Authorization: Bearer {Token}</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Origins (scheme://host[:port]) browsers may call from besides loopback pages.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The address Kestrel binds.</summary>
    public IPAddress BindAddress => Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(Host);

    /// <summary>Checks the host, and that a host other machines can reach has a long enough token.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Host, out var address) && Host != "localhost")
            yield return new ValidationResult($"Http:Host (--host) must be an IP address or 'localhost', got '{Host}'.");
        else if (address is not null && !IPAddress.IsLoopback(address) && string.IsNullOrEmpty(Token))
            yield return new ValidationResult($"Http:Host (--host) {Host} is reachable from other machines; set a bearer token with --token (or GLM_MCP_Http__Token) to bind it.");
        if (Token is { Length: > 0 and < MinTokenLength })
            yield return new ValidationResult($"Http:Token (--token) is too short; use at least {MinTokenLength} characters (e.g. `openssl rand -hex 24`).");
    }
}
