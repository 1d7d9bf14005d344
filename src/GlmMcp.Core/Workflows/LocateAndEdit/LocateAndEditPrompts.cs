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

    /// <summary>Adds the rejected answer and what its render showed, and asks again.</summary>
    public static void AddRetry(List<ChatMessage> messages, string answer, string reason, byte[]? afterPng, byte[]? diffPng, IReadOnlyList<DiffRegion> outside)
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
        text.Append("Rewrite the original element again so that the change shows inside the marked area and nothing else moves. ")
            .Append("Reply with the element in one ```html fence.");
        contents.Add(new TextContent(text.ToString()));
        messages.Add(new ChatMessage(ChatRole.User, contents));
    }
}
