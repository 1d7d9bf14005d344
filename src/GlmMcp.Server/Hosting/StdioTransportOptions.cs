using GlmMcp.Core;
using Microsoft.Extensions.Configuration;

namespace GlmMcp.Server.Hosting;

/// <summary>The stdio transport (section <c>Stdio</c>): how large one JSON-RPC message may be.</summary>
public sealed class StdioTransportOptions
{
    public const string Section = "Stdio";

    /// <summary>
    /// The largest message (one line) the server reads, in bytes: room for one image at the default
    /// <c>Imaging:MaxInputBytes</c> (64 MiB) sent inline as base64, which is 4/3 its size.
    /// </summary>
    public const long DefaultMaxMessageBytes = 96L * 1024 * 1024;

    public long MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>Binds and validates the section; a bad value throws <see cref="UserInputException"/> naming the setting.</summary>
    public static StdioTransportOptions From(IConfiguration configuration)
    {
        var options = new StdioTransportOptions();
        try
        {
            configuration.GetSection(Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException($"Stdio settings: {e.InnerException?.Message ?? e.Message}", e);
        }
        if (options.MaxMessageBytes is < 1024 or > int.MaxValue)
            throw new UserInputException($"{Section}:MaxMessageBytes must be between 1024 and {int.MaxValue:N0}, got {options.MaxMessageBytes}.");
        return options;
    }
}
