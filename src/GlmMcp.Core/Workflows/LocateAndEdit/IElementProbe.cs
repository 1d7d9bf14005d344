using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>Renders HTML tagged by <see cref="HtmlSourceTagger"/> and reports where each tagged element landed.</summary>
public interface IElementProbe
{
    /// <param name="focus">A point, in image pixels, whose element stack (topmost first) is reported.</param>
    Task<PageLayout> MeasureAsync(string taggedHtml, int width, int height, double deviceScaleFactor, (int X, int Y)? focus, CancellationToken cancellationToken);
}
