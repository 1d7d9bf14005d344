namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>Renders HTML tagged by <see cref="HtmlSourceTagger"/> and reports where each tagged element landed.</summary>
public interface IElementProbe
{
    /// <param name="focus">A point, in image pixels, whose element stack (topmost first) is reported.</param>
    /// <param name="rulesFor">The span of an element whose matched CSS rules are read as well (<see cref="PageLayout.Rules"/>); null for none.</param>
    Task<PageLayout> MeasureAsync(ProbePage page, int width, int height, double deviceScaleFactor, (int X, int Y)? focus, string? rulesFor,
        CancellationToken cancellationToken);
}
