using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Sessions;

/// <summary>Checks <see cref="SessionOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
}
