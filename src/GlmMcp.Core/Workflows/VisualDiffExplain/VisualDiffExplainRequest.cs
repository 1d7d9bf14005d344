using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>
/// What <c>visual_diff</c> compares: two images (path, URL, data: URI or base64), how, and where to write the diff
/// picture (a resolved path under the roots, or null).
/// </summary>
public sealed record VisualDiffExplainRequest(string Before, string After, VisualDiffOptions Options, string? OutputFile);
