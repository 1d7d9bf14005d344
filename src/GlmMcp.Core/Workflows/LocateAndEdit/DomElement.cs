namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// An element of a dev server's live page: its tag, id, classes and text (for the search of the source), and what
/// the framework's development build says about where it was written (<see cref="Hint"/>; null when nothing does,
/// or when the element is outside the region the probe was asked about).
/// </summary>
public sealed record DomElement(string Tag, string? Id, string? Classes, string Text, SourceHint? Hint);
