namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>Renders HTML tagged by <see cref="HtmlSourceTagger"/> and reports where each tagged element landed.</summary>
public interface IElementProbe
{
    /// <param name="focus">A point, in image pixels, whose element stack (topmost first) is reported.</param>
    /// <param name="rulesFor">
    /// Chooses, from the layout just measured (its <see cref="PageLayout.Png"/> still empty), the span of the element whose
    /// matched CSS rules are read on the same page (<see cref="PageLayout.Rules"/>, <see cref="PageLayout.RulesFor"/>); null for none.
    /// </param>
    Task<PageLayout> MeasureAsync(ProbePage page, int width, int height, double deviceScaleFactor, (int X, int Y)? focus, Func<PageLayout, string?>? rulesFor,
        CancellationToken cancellationToken);
}
