namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// An element of an HTML source and the span of its text: from the <c>&lt;</c> of its start tag to just after its
/// end tag (or start tag, for void, self-closing and implicitly closed elements). <see cref="Parent"/> is the index
/// of the enclosing element in the tagger's list, or -1.
/// </summary>
public sealed record SourceElement(int Index, string Tag, int Start, int End, int Parent, int Depth)
{
    /// <summary>The value of the element's <see cref="HtmlSourceTagger.Attribute"/> attribute.</summary>
    public string Span => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Start}-{End}");

    public int Length => End - Start;

    /// <summary>The element's source text.</summary>
    public string TextOf(string source) => source[Start..End];
}
