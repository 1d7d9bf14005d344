using System.Text;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Fuzz;

/// <summary>
/// Model-written HTML through <see cref="HtmlSourceTagger"/> (what locate_and_edit tags before rendering), checking the
/// tagger's promise that every element's span lies inside the source and is found again by its attribute value.
/// </summary>
internal sealed class HtmlTarget : IFuzzTarget
{
    public void Run(byte[] data)
    {
        var source = Encoding.UTF8.GetString(data);
        var tagged = HtmlSourceTagger.Tag(source);
        foreach (var element in tagged.Elements)
        {
            if (element.Start < 0 || element.End < element.Start || element.End > source.Length)
                throw new InvalidOperationException($"Element {element.Index} <{element.Tag}> has span {element.Span} outside a source of {source.Length} chars.");
            if (tagged.FindBySpan(element.Span) is null)
                throw new InvalidOperationException($"Element {element.Index} <{element.Tag}> is not found by its span {element.Span}.");
            element.TextOf(source);
        }
    }
}
