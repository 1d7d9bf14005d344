using System.Globalization;
using System.Text;
using GlmMcp.Core.Imaging;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// The conversation the main job has with the model. Every request starts with the same system text and the same
/// target image, so an engine that caches the prompt prefix encodes the target once; a refine request then adds the
/// best code so far and, as its feedback, the render of that code, the diff picture and the visible differences (what differs, where) as text
/// (tool results are context: the model looks at its own work).
/// </summary>
public static class ScreenshotToCodePrompts
{
    /// <summary>How many visible differences the refine request names, most changed first.</summary>
    public const int ListedRegions = 12;

    public static string System(string stack, int width, int height)
    {
        var text = new StringBuilder()
            .Append("You are an expert front-end developer who rebuilds web pages pixel-perfectly from screenshots. ")
            .Append(CultureInfo.InvariantCulture, $"The page is shown in a {width}×{height} CSS-pixel viewport. ")
            .Append(stack switch
            {
                PageStacks.React => "Write one React 18 component file, App.jsx: `export default function App()` returns the whole page; put the page's CSS in a " +
                                    "<style> element that App renders (a template literal) or in inline styles; import only from 'react' (hooks are fine). ",
                PageStacks.Vue => "Write one Vue 3 single-file component, App.vue: a <template> with the whole page, a plain <script> with `export default { … }` " +
                                  "(Options API or setup(); no <script setup>, no TypeScript; import only from 'vue') and a <style> block. ",
                _ => "Write one complete HTML file with inline <style> and <script>. ",
            })
            .Append("Nothing external loads: no CDN, no web fonts, ")
            .Append("no remote images (use CSS, gradients, inline SVG or solid placeholders). Match layout, sizes, spacing, colours, ")
            .Append("font sizes and the exact text. ");
        if (stack == PageStacks.Tailwind)
            text.Append("Style with Tailwind CSS utility classes; Tailwind is already provided, so add no script or link for it. ");
        return text.Append(CultureInfo.InvariantCulture, $"Reply with the whole file in one ```{PageStacks.FenceLanguage(stack)} fence and nothing else.").ToString();
    }

    public static string Ask(string? instructions, string stack = PageStacks.Html)
    {
        var ask = $"Write the {FileNoun(stack)} that reproduces this screenshot.";
        return string.IsNullOrWhiteSpace(instructions) ? ask : $"{ask} {instructions.Trim()}";
    }

    /// <summary>The first request: the target and what to do.</summary>
    public static List<ChatMessage> Generate(byte[] targetPng, string stack, int width, int height, string? instructions) =>
    [
        new(ChatRole.System, System(stack, width, height)),
        new(ChatRole.User, [new DataContent(targetPng, "image/png"), new TextContent(Ask(instructions, stack))]),
    ];

    /// <summary>A refine request: the same opening, the best code so far, and what its render looks like against the target.</summary>
    public static List<ChatMessage> Refine(byte[] targetPng, string stack, int width, int height, string? instructions,
        string code, byte[] renderPng, byte[] diffPng, LayoutScore score, VisualDiffResult diff)
    {
        var messages = Generate(targetPng, stack, width, height, instructions);
        messages.Add(new ChatMessage(ChatRole.Assistant, $"```{PageStacks.FenceLanguage(stack)}\n{code}\n```"));
        messages.Add(new ChatMessage(ChatRole.User,
        [
            new DataContent(renderPng, "image/png"),
            new DataContent(diffPng, "image/png"),
            new TextContent(Feedback(score, diff, stack)),
        ]));
        return messages;
    }

    public static string Feedback(LayoutScore score, VisualDiffResult diff, string stack = PageStacks.Html)
    {
        var text = new StringBuilder()
            .Append("The first image is your page as rendered; the second shows where it differs from the target screenshot ")
            .Append("(differing pixels in red, regions boxed in blue, over a faded copy of the target).\n")
            .Append(CultureInfo.InvariantCulture,
                $"Score {score.Total:0.#}/100 (pixels equal {score.Pixel * 100:0.#}%, blocks matched {score.Block * 100:0.#}%, ")
            .Append(CultureInfo.InvariantCulture, $"block positions {score.Position * 100:0.#}%, colours {score.Color * 100:0.#}%); ")
            .Append(CultureInfo.InvariantCulture, $"{diff.DiffPercent:0.##}% of pixels differ; {score.Differences.Count} visible difference(s).\n");
        if (score.Differences.Count > 0)
        {
            text.Append("What differs where (boxes in screenshot pixels, most changed first):\n");
            var i = 1;
            foreach (var d in Listed(score))
                text.Append(CultureInfo.InvariantCulture, $"{i++}. {KindName(d.Kind)} at x={d.X} y={d.Y} width={d.Width} height={d.Height}: {d.Detail}\n");
        }
        return text.Append(CultureInfo.InvariantCulture,
            $"Fix these differences so the page matches the target screenshot. Reply with the complete corrected file in one ```{PageStacks.FenceLanguage(stack)} fence.").ToString();
    }

    /// <summary>The differences the refine request names: the <see cref="ListedRegions"/> with the most differing pixels.</summary>
    public static IEnumerable<LayoutDifference> Listed(LayoutScore score) => score.Differences.Take(ListedRegions);

    private static string FileNoun(string stack) => stack switch
    {
        PageStacks.React => "App.jsx component",
        PageStacks.Vue => "App.vue component",
        _ => "HTML file",
    };

    private static string KindName(DifferenceKind kind) => kind switch
    {
        DifferenceKind.Color => "colour",
        DifferenceKind.Position => "position",
        DifferenceKind.Size => "size",
        DifferenceKind.Missing => "missing",
        DifferenceKind.Extra => "extra",
        _ => "text/shape",
    };
}
