using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Documents;

/// <summary>Reports every invalid <see cref="DocumentOptions"/> setting by name when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
}
