namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>An HTML source with every rendered element carrying its source span, and those elements in source order.</summary>
public sealed record TaggedHtml(string Source, string Html, IReadOnlyList<SourceElement> Elements)
{
    /// <summary>The element whose span attribute reads <paramref name="span"/>, or null.</summary>
    public SourceElement? FindBySpan(string span) => Elements.FirstOrDefault(e => e.Span == span);
}
