using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Security;

/// <summary>Checks <see cref="SecurityOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
}
