using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Imaging;

/// <summary>Reports every invalid <see cref="ImagingOptions"/> setting by name when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class ImagingOptionsValidator : IValidateOptions<ImagingOptions>
{
}
