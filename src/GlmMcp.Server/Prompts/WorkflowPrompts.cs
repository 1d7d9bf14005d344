using System.ComponentModel;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Prompts;

/// <summary>The two main flows as MCP prompts, so clients can offer them from a menu.</summary>
[McpServerPromptType]
public sealed class WorkflowPrompts
{
    [McpServerPrompt(Name = "replicate_ui", Title = "Replicate a UI from a screenshot")]
    [Description("Rebuild a page from a screenshot or design with screenshot_to_code, then refine it.")]
    public static ChatMessage ReplicateUi(
        [Description("The screenshot or design: a file path, a loopback URL, a data: URI or base64.")] string image,
        [Description("Where to save the page, e.g. page.html.")] string? output_path = null,
        [Description("html (default) or tailwind.")] string? stack = null,
        [Description("Extra wishes for the page.")] string? instructions = null) =>
        new(ChatRole.User,
            $"Rebuild the UI in this image as a web page: call the screenshot_to_code tool with image \"{image}\"" +
            (stack is null ? "" : $", stack \"{stack}\"") +
            (output_path is null ? "" : $", output_path \"{output_path}\"") +
            (instructions is null ? "" : $", instructions \"{instructions}\"") +
            ". Look at the final render and the score of each round it returns. If parts still differ from the image, fix them with " +
            "locate_and_edit on the returned session_id (give the region of the part that is wrong and say what to change), one part at " +
            "a time, and check each edit's before/after renders. Finish by summarising what matches and what does not.");

    [McpServerPrompt(Name = "fix_visual_bug", Title = "Fix a visual bug where it is marked")]
    [Description("Fix something on a page at the place the user marked, with locate_and_edit, and verify it.")]
    public static ChatMessage FixVisualBug(
        [Description("What is wrong and how it should look, e.g. \"the Subscribe button should be dark blue\".")] string problem,
        [Description("The HTML file to fix (or use session_id).")] string? path = null,
        [Description("A session from screenshot_to_code, instead of a file.")] string? session_id = null,
        [Description("A screenshot of the page with the spot circled or boxed.")] string? annotated_image = null) =>
        new(ChatRole.User,
            $"Fix this visual problem: {problem}. Call the locate_and_edit tool with instruction \"{problem}\"" +
            (path is null ? "" : $", path \"{path}\"") +
            (session_id is null ? "" : $", session_id \"{session_id}\"") +
            (annotated_image is null ? ", and target set to the element the problem is about" : $", annotated_image \"{annotated_image}\"") +
            ". If it is not accepted, read its reason and the changed regions, then try again with a tighter region or a clearer " +
            "instruction. When it is accepted, show the unified diff and describe the before/after renders. If the result is wrong, " +
            "call session_undo on the session.");
}
