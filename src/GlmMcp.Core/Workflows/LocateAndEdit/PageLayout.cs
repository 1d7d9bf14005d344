using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// A render of tagged HTML: the screenshot (PNG), every tagged element's box, and the spans of the elements under
/// the focus point, topmost first (what <c>document.elementsFromPoint</c> returns).
/// </summary>
/// <param name="StyleSheets">The <c>file:</c> URLs of the stylesheets the page loaded.</param>
/// <param name="Blocked">Requests the render's sandbox refused (a file outside the roots, a remote URL).</param>
/// <param name="Rules">The matched CSS rules of the element asked for, winning rule first; empty when none was asked for.</param>
/// <param name="RulesFor">The span of the element whose <see cref="Rules"/> these are; null when none was asked for.</param>
/// <param name="MeasureMs">Time the measuring script took on the page (boxes, stack).</param>
/// <param name="RulesMs">Time reading the rules through Chromium's CSS domain took.</param>
public sealed record PageLayout(byte[] Png, int Width, int Height, IReadOnlyList<ElementBox> Boxes, IReadOnlyList<string> StackAtFocus,
    IReadOnlyList<string> StyleSheets, IReadOnlyList<string> Blocked, IReadOnlyList<MatchedCssRule> Rules, string? RulesFor = null,
    double MeasureMs = 0, double RulesMs = 0);
