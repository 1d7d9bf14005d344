namespace GlmMcp.Core.Rendering;

/// <summary>Takes screenshots of HTML, local files and local URLs in a sandboxed headless Chromium.</summary>
public interface IPageRenderer
{
    /// <summary>
    /// Renders <paramref name="request"/>. Bad arguments, sources outside the roots or URL policy, and pages that
    /// do not finish within the timeout throw <see cref="UserInputException"/>.
    /// </summary>
    Task<RenderResult> RenderAsync(RenderRequest request, CancellationToken cancellationToken = default);
}
