using System.Globalization;
using System.Text;
using GlmMcp.Core.Imaging;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>The requests locate_and_edit sends: grounding a description, rewriting one element, and a retry with evidence.</summary>
public static class LocateAndEditPrompts
{
    public const string System =
        "You edit one element of an HTML page. You get a screenshot of the page, a close-up of the area the user marked, " +
        "the source of the element there and the user's instruction. Rewrite only that element's source to carry out the " +
        "instruction: keep everything the instruction does not ask to change, keep its outer tag, and touch nothing outside it. " +
        "Reply with the rewritten element in one ```html fence and nothing else.";

    public const string ProjectSystem =
        "You edit one element of a web page that is made of several files. You get a screenshot of the page, a close-up of the " +
        "area the user marked, the source of the element there, the CSS rules that style it (file and line, the winning rule " +
        "first) and the user's instruction. Change only what the instruction asks, only for this element. Answer with fences only:\n" +
        "- to change the element's HTML: one ```html fence with the whole rewritten element (keep its outer tag);\n" +
        "- to change a stylesheet: a ```css fence followed by the file's name as listed (```css styles/site.css), holding the " +
        "rules to change or add. A rule whose selector is already in that file replaces it (write the whole rule, every " +
        "declaration it keeps); a rule with a new selector is added at the end of the file.\n" +
        "A rule that other elements share (a class used elsewhere) must not change: give this element a new class in its " +
        "HTML and add a rule for that class instead. Reply with the fences and nothing else.";

    public const string SourceSystem =
        "You edit one element of a web app running on a dev server. You get a screenshot of the page, a close-up of the area the " +
        "user marked, the source of the element there as it is written in the app (JSX, a Vue or Svelte template, or HTML), and the " +
        "user's instruction. Rewrite only that element's source to carry out the instruction: keep its outer tag, its event handlers " +
        "and expressions, keep everything the instruction does not ask to change, and touch nothing outside it (for a colour or size, " +
        "an inline style on the element is right: style={{...}} in JSX, style=\"...\" in a template). Reply with the rewritten " +
        "element in one fence (```jsx, ```vue, ```svelte or ```html) and nothing else.";

    /// <summary>How a retry asks to answer: the element in one fence of <paramref name="language"/>.</summary>
    public static string OneFence(string language) => $"Reply with the element in one ```{language} fence.";

    /// <summary>How a retry asks to answer in a page with stylesheet files.</summary>
    public const string ProjectFences = "Answer with fences as before (```html for the element, ```css FILE for rules).";

    /// <summary>GLM's grounding request (docs/glm-format.md, "Grounding").</summary>
    public static List<ChatMessage> Ground(byte[] screenshotPng, string target) =>
    [
        new(ChatRole.User, [new DataContent(screenshotPng, "image/png"),
            new TextContent($"Help me to locate {target.Trim()} in the image and give me its bounding boxes.")]),
    ];

    public static List<ChatMessage> Edit(byte[] screenshotPng, byte[] closeUpPng, PixelRect region, string tag, string snippet, string instruction) =>
    [
        new(ChatRole.System, System),
        new(ChatRole.User,
        [
            new DataContent(screenshotPng, "image/png"),
            new DataContent(closeUpPng, "image/png"),
            new TextContent(string.Create(CultureInfo.InvariantCulture,
                $"Instruction: {instruction.Trim()}\nThe marked area is x={region.X} y={region.Y} width={region.Width} height={region.Height} " +
                $"in the screenshot (the second image is a close-up of it). The element there is this <{tag}>:\n```html\n{snippet}\n```")),
        ]),
    ];

    /// <summary>The request for an element of a dev server's page: its source where it is written.</summary>
    public static List<ChatMessage> EditSource(byte[] screenshotPng, byte[] closeUpPng, PixelRect region, string tag, string snippet, string file, int line,
        string language, string instruction) =>
    [
        new(ChatRole.System, SourceSystem),
        new(ChatRole.User,
        [
            new DataContent(screenshotPng, "image/png"),
            new DataContent(closeUpPng, "image/png"),
            new TextContent(string.Create(CultureInfo.InvariantCulture,
                $"Instruction: {instruction.Trim()}\nThe marked area is x={region.X} y={region.Y} width={region.Width} height={region.Height} " +
                $"in the screenshot (the second image is a close-up of it). The element there is this <{tag}>, written in {file} at line {line}:\n" +
                $"```{language}\n{snippet}\n```")),
        ]),
    ];

    /// <summary>The request for an element of a page with stylesheet files: the element, its matched rules, the answer format.</summary>
    public static List<ChatMessage> EditInProject(byte[] screenshotPng, byte[] closeUpPng, PixelRect region, string tag, string snippet, string htmlFile,
        IReadOnlyList<ShownRule> rules, string instruction)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Instruction: {instruction.Trim()}\nThe marked area is x={region.X} y={region.Y} width={region.Width} height={region.Height} " +
            $"in the screenshot (the second image is a close-up of it). The element there is this <{tag}> in {htmlFile}:\n```html\n{snippet}\n```\n");
        if (rules.Count == 0)
            text.Append("No stylesheet rule styles it.\n");
        else
            text.Append("The CSS rules that style it, the winning rule first:\n");
        foreach (var rule in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rule.File}:{rule.Line} (specificity {rule.Specificity}){(rule.Editable ? "" : ", a <style> block of the page: change it through the HTML")}\n")
                .Append(CultureInfo.InvariantCulture, $"```css\n{rule.Selector} {{ {rule.Declarations} }}\n```\n");
        }
        return
        [
            new(ChatRole.System, ProjectSystem),
            new(ChatRole.User, [new DataContent(screenshotPng, "image/png"), new DataContent(closeUpPng, "image/png"), new TextContent(text.ToString())]),
        ];
    }

    /// <summary>Adds the rejected answer and what its render showed, and asks again.</summary>
    /// <param name="sharedRules">Stylesheet rules the rejected answer changed (selector and file), when it changed the page outside the mark.</param>
    /// <param name="answerFormat">The sentence that closes the retry, saying how to answer (one fence, or the project's fences).</param>
    public static void AddRetry(List<ChatMessage> messages, string answer, string reason, byte[]? afterPng, byte[]? diffPng, IReadOnlyList<DiffRegion> outside,
        IReadOnlyList<string> sharedRules, string answerFormat)
    {
        messages.Add(new ChatMessage(ChatRole.Assistant, answer));
        var contents = new List<AIContent>();
        if (afterPng is not null)
            contents.Add(new DataContent(afterPng, "image/png"));
        if (diffPng is not null)
            contents.Add(new DataContent(diffPng, "image/png"));
        var text = new StringBuilder().Append("That edit was not accepted: ").Append(reason).Append('\n');
        if (afterPng is not null)
            text.Append("The images show the page after your edit and the difference from before (changed pixels red, regions boxed in blue).\n");
        if (outside.Count > 0)
        {
            text.Append("Changed outside the marked area:\n");
            foreach (var r in outside.Take(8))
                text.Append(CultureInfo.InvariantCulture, $"- x={r.X} y={r.Y} width={r.Width} height={r.Height} ({r.Pixels} pixels)\n");
        }
        if (sharedRules.Count > 0)
        {
            text.Append("The rules you changed also style elements outside the marked area: ").AppendJoin(", ", sharedRules)
                .Append(". Leave them as they are; give this element a new class in its HTML and put the change in a new rule for that class.\n");
        }
        text.Append("Rewrite the original element again so that the change shows inside the marked area and nothing else moves. ")
            .Append(answerFormat);
        contents.Add(new TextContent(text.ToString()));
        messages.Add(new ChatMessage(ChatRole.User, contents));
    }
}
