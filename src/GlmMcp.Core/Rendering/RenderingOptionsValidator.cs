using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Rendering;

/// <summary>Checks <see cref="RenderingOptions"/> when the host starts (source-generated).</summary>
[OptionsValidator]
public sealed partial class RenderingOptionsValidator : IValidateOptions<RenderingOptions>
{
}
