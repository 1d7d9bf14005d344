using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Hosting;

/// <summary>Checks <see cref="StdioTransportOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class StdioTransportOptionsValidator : IValidateOptions<StdioTransportOptions>
{
}
