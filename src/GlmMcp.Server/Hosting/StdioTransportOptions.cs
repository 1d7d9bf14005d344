using GlmMcp.Core.Settings;

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

    [SettingRange(1024d, int.MaxValue, ErrorMessage = "Stdio:MaxMessageBytes must be between {1} and {2:N0}, got {0}.")]
    public long MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;
}
