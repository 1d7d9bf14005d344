using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Hosting;

/// <summary>Checks <see cref="HttpTransportOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class HttpTransportOptionsValidator : IValidateOptions<HttpTransportOptions>
{
}
