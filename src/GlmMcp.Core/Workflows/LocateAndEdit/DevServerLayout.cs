namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// A render of a dev server's page: the layout (boxes by element index, as spans <c>i-(i+1)</c>), the elements as
/// <see cref="SourceElement"/>s for <see cref="ElementHitTester"/>, and what is known about each element's source.
/// </summary>
public sealed record DevServerLayout(PageLayout Layout, TaggedHtml Tagged, IReadOnlyList<DomElement> Elements);
