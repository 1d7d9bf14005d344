using System.Globalization;
using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Renders a page of a dev server on loopback (the renderer's URL sandbox) and reads, on that very page once its DOM
/// has been quiet for <see cref="QuietMs"/> ms (and four checks in a row), every element's box, the element stack at the focus point, and for the
/// elements under the region what the framework's development build says about their source (React's fiber
/// <c>_debugSource</c> or <c>_debugStack</c>, Vue's <c>__file</c>, Svelte's <c>__svelte_meta</c>) with their tag,
/// id, classes and text. Elements are numbered in document order; nothing is written into the page.
/// </summary>
public sealed class DevServerProbe(IPageRenderer renderer)
{
    /// <summary>How long the DOM must go without a change before the page counts as settled.</summary>
    public const int QuietMs = 150;

    /// <summary>How long a page may keep changing before the probe gives up.</summary>
    public const int QuietLimitMs = 6000;

    private const string MeasureScript = """
        async (arg) => {
          const settled = await new Promise((resolve) => {
            const start = performance.now();
            let last = start, ticks = 0;
            const observer = new MutationObserver(() => { last = performance.now(); ticks = 0; });
            observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
            // Quiet means both: the time since the last change, and several checks in a row without one (on a starved
            // machine one late check could otherwise run before the change that was due first).
            const tick = () => {
              const now = performance.now();
              if (now - last >= arg.quiet && ++ticks >= 4) { observer.disconnect(); resolve(true); }
              else if (now - start > arg.limit) { observer.disconnect(); resolve(false); }
              else setTimeout(tick, 20);
            };
            setTimeout(tick, 20);
          });
          if (!settled) return JSON.stringify({ settled });
          const started = performance.now();
          const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'LINK', 'META']);
          const all = [...document.body.querySelectorAll('*')].filter(e => !skip.has(e.tagName));
          const index = new Map(all.map((e, i) => [e, i]));
          const depth = new Array(all.length);
          const region = arg.region;
          const internal = /\/node_modules\/|\/\.vite|\/@vite\/|\/@react-refresh|\/@id\//;
          const hint = (e) => {
            const key = Object.keys(e).find(k => k.startsWith('__reactFiber$'));
            if (key) {
              const fiber = e[key];
              const s = fiber._debugSource;
              if (s && s.fileName) return ['react _debugSource', s.fileName, null, s.lineNumber || 0, s.columnNumber || 0];
              const stack = fiber._debugStack && fiber._debugStack.stack;
              if (stack) {
                for (const line of stack.split('\n').slice(1)) {
                  const m = /(https?:\/\/[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
                  if (m && !internal.test(m[1])) return ['react _debugStack', null, m[1], +m[2], +m[3]];
                }
              }
            }
            const meta = e.__svelte_meta && e.__svelte_meta.loc;
            if (meta && meta.file) return ['svelte __svelte_meta', meta.file, null, meta.line || 0, (meta.column || 0) + 1];
            const vue = e.__vueParentComponent;
            if (vue && vue.type && vue.type.__file) return ['vue __file', vue.type.__file, null, 0, 0];
            return null;
          };
          const boxes = [], elements = [];
          for (let i = 0; i < all.length; i++) {
            const e = all[i];
            const parent = e.parentElement && index.has(e.parentElement) ? index.get(e.parentElement) : -1;
            depth[i] = parent < 0 ? 0 : depth[parent] + 1;
            const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            const visible = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
            boxes.push([i, r.left + scrollX, r.top + scrollY, r.width, r.height, visible]);
            const near = region && r.right >= region[0] && r.bottom >= region[1] && r.left <= region[0] + region[2] && r.top <= region[1] + region[3];
            elements.push([e.tagName.toLowerCase(), parent, depth[i], near ? e.id || null : null, near ? e.getAttribute('class') : null,
              near ? (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 120) : '', near ? hint(e) : null]);
          }
          const stack = arg.focus ? document.elementsFromPoint(arg.focus[0], arg.focus[1]).filter(e => index.has(e)).map(e => index.get(e)) : [];
          return JSON.stringify({ settled, boxes, elements, stack, ms: performance.now() - started });
        }
        """;

    /// <param name="focus">A point in image pixels whose element stack is reported.</param>
    /// <param name="region">The area, in image pixels, whose elements get their source hints, text, id and classes.</param>
    public async Task<DevServerLayout> MeasureAsync(string url, int width, int height, double scale, (int X, int Y)? focus, PixelRect? region,
        CancellationToken cancellationToken)
    {
        var argument = new
        {
            quiet = QuietMs,
            limit = QuietLimitMs,
            focus = focus is { } f ? new[] { f.X / scale, f.Y / scale } : null,
            region = region is { } r ? new[] { r.X / scale, r.Y / scale, r.Width / scale, r.Height / scale } : null,
        };
        var rendered = await renderer.RenderAsync(new RenderRequest
        {
            Url = url,
            Width = width,
            Height = height,
            DeviceScaleFactor = scale,
            Script = MeasureScript,
            ScriptArgument = argument,
        }, cancellationToken).ConfigureAwait(false);
        return Parse(url, rendered, scale);
    }

    private static DevServerLayout Parse(string url, RenderResult rendered, double scale)
    {
        using var document = JsonDocument.Parse(rendered.ScriptResult ?? throw new InvalidOperationException("The renderer returned no script result."));
        var root = document.RootElement;
        if (!root.GetProperty("settled").GetBoolean())
            throw new UserInputException(
                $"The page at {InputEcho.Truncate(url)} kept changing for {QuietLimitMs / 1000} s (its DOM never went {QuietMs} ms without a change), so there is " +
                "no stable render to compare an edit against. Stop the animation or polling that rewrites it (or pause it in development), then run the edit again.");
        var boxes = new List<ElementBox>();
        foreach (var item in root.GetProperty("boxes").EnumerateArray())
        {
            var x = item[1].GetDouble() * scale;
            var y = item[2].GetDouble() * scale;
            var right = x + item[3].GetDouble() * scale;
            var bottom = y + item[4].GetDouble() * scale;
            var box = new PixelRect((int)Math.Floor(x), (int)Math.Floor(y), (int)Math.Ceiling(right) - (int)Math.Floor(x), (int)Math.Ceiling(bottom) - (int)Math.Floor(y));
            boxes.Add(new ElementBox(Span(item[0].GetInt32()), box.ClipTo(rendered.Width, rendered.Height), item[5].GetBoolean()));
        }
        var sources = new List<SourceElement>();
        var elements = new List<DomElement>();
        var i = 0;
        foreach (var item in root.GetProperty("elements").EnumerateArray())
        {
            var tag = item[0].GetString() ?? string.Empty;
            sources.Add(new SourceElement(i, tag, i, i + 1, item[1].GetInt32(), item[2].GetInt32()));
            var h = item[6];
            var hint = h.ValueKind == JsonValueKind.Array
                ? new SourceHint(h[0].GetString()!, h[1].GetString(), h[2].GetString(), (int)h[3].GetDouble(), (int)h[4].GetDouble())
                : null;
            elements.Add(new DomElement(tag, item[3].GetString(), item[4].GetString(), item[5].GetString() ?? string.Empty, hint));
            i++;
        }
        var stack = root.GetProperty("stack").EnumerateArray().Select(s => Span(s.GetInt32())).ToList();
        var layout = new PageLayout(rendered.Image, rendered.Width, rendered.Height, boxes, stack, [], rendered.BlockedRequests, [], null,
            root.GetProperty("ms").GetDouble());
        return new DevServerLayout(layout, new TaggedHtml(string.Empty, string.Empty, sources), elements);
    }

    private static string Span(int index) => string.Create(CultureInfo.InvariantCulture, $"{index}-{index + 1}");
}
