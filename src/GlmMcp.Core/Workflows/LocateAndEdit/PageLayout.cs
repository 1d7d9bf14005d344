namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// A render of tagged HTML: the screenshot (PNG), every tagged element's box, and the spans of the elements under
/// the focus point, topmost first (what <c>document.elementsFromPoint</c> returns).
/// </summary>
public sealed record PageLayout(byte[] Png, int Width, int Height, IReadOnlyList<ElementBox> Boxes, IReadOnlyList<string> StackAtFocus);
