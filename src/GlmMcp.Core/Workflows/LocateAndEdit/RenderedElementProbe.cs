using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Renders tagged HTML with the shared renderer (offline, in its pooled Chromium) and, on that same page just before
/// the screenshot, reads every tagged element's box and the elements under the focus point with a script. The
/// screenshot is the renderer's own, so it matches every other render pixel for pixel.
/// </summary>
public sealed class RenderedElementProbe(IPageRenderer renderer) : IElementProbe
{
    /// <summary>Boxes in CSS pixels of the document (scroll included), visibility, and the span stack at the focus point.</summary>
    private const string MeasureScript = """
        (focus) => {
          const started = performance.now();
          const boxes = [];
          for (const e of document.querySelectorAll('[data-glm-src]')) {
            const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            const visible = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
            boxes.push([e.getAttribute('data-glm-src'), r.left + scrollX, r.top + scrollY, r.width, r.height, visible]);
          }
          const stack = focus ? document.elementsFromPoint(focus[0], focus[1])
            .map(e => e.getAttribute('data-glm-src')).filter(s => s) : [];
          const sheets = [...document.styleSheets].map(s => s.href).filter(h => h && h.startsWith('file:'));
          return JSON.stringify({ boxes, stack, sheets, ms: performance.now() - started });
        }
        """;

    public async Task<PageLayout> MeasureAsync(ProbePage page, int width, int height, double deviceScaleFactor, (int X, int Y)? focus, Func<PageLayout, string?>? rulesFor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        string? chosen = null;
        // The screenshot is the viewport, so the image is the viewport times the scale: the layout the choice sees is the final one.
        var (imageWidth, imageHeight) = ((int)Math.Round(width * deviceScaleFactor), (int)Math.Round(height * deviceScaleFactor));
        Func<string?, string?>? selector = rulesFor is null ? null : json =>
        {
            chosen = json is null ? null : rulesFor(Parse(json, [], imageWidth, imageHeight, [], null, deviceScaleFactor));
            return chosen is null ? null : $"[{HtmlSourceTagger.Attribute}=\"{chosen}\"]";
        };
        object? cssFocus = focus is { } f ? new[] { f.X / deviceScaleFactor, f.Y / deviceScaleFactor } : null;
        var rendered = await renderer.RenderAsync(new RenderRequest
        {
            Html = page.Html,
            FilePath = page.FilePath,
            Roots = page.Roots,
            FileOverrides = page.Files,
            MatchedRulesFor = selector,
            Width = width,
            Height = height,
            DeviceScaleFactor = deviceScaleFactor,
            Script = MeasureScript,
            ScriptArgument = cssFocus,
        }, cancellationToken).ConfigureAwait(false);
        var layout = Parse(rendered.ScriptResult ?? throw new InvalidOperationException("The renderer returned no script result."),
            rendered.Image, rendered.Width, rendered.Height, rendered.BlockedRequests, rendered.MatchedRules, deviceScaleFactor);
        return layout with { RulesFor = rendered.MatchedRules is null ? null : chosen, RulesMs = rendered.MatchedRulesMs };
    }

    private static PageLayout Parse(string json, byte[] png, int imageWidth, int imageHeight, IReadOnlyList<string> blocked, IReadOnlyList<MatchedCssRule>? rules, double scale)
    {
        using var document = JsonDocument.Parse(json);
        var boxes = new List<ElementBox>();
        foreach (var item in document.RootElement.GetProperty("boxes").EnumerateArray())
        {
            var x = item[1].GetDouble() * scale;
            var y = item[2].GetDouble() * scale;
            var right = x + item[3].GetDouble() * scale;
            var bottom = y + item[4].GetDouble() * scale;
            var box = new PixelRect((int)Math.Floor(x), (int)Math.Floor(y), (int)Math.Ceiling(right) - (int)Math.Floor(x), (int)Math.Ceiling(bottom) - (int)Math.Floor(y));
            boxes.Add(new ElementBox(item[0].GetString() ?? string.Empty, box.ClipTo(imageWidth, imageHeight), item[5].GetBoolean()));
        }
        var stack = document.RootElement.GetProperty("stack").EnumerateArray().Select(s => s.GetString() ?? string.Empty).ToList();
        var sheets = document.RootElement.GetProperty("sheets").EnumerateArray().Select(s => s.GetString() ?? string.Empty).Distinct().ToList();
        return new PageLayout(png, imageWidth, imageHeight, boxes, stack, sheets, blocked, rules ?? [], null,
            document.RootElement.GetProperty("ms").GetDouble());
    }
}
