using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// A render of tagged HTML: the screenshot (PNG), every tagged element's box, and the spans of the elements under
/// the focus point, topmost first (what <c>document.elementsFromPoint</c> returns).
/// </summary>
/// <param name="StyleSheets">The <c>file:</c> URLs of the stylesheets the page loaded.</param>
/// <param name="Blocked">Requests the render's sandbox refused (a file outside the roots, a remote URL).</param>
/// <param name="Rules">The matched CSS rules of the element asked for, winning rule first; empty when none was asked for.</param>
public sealed record PageLayout(byte[] Png, int Width, int Height, IReadOnlyList<ElementBox> Boxes, IReadOnlyList<string> StackAtFocus,
    IReadOnlyList<string> StyleSheets, IReadOnlyList<string> Blocked, IReadOnlyList<MatchedCssRule> Rules);
