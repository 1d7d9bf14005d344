namespace GlmMcp.Core.Workflows.DescribeImage;

/// <summary>
/// The prompts of each mode; locate uses GLM-4.6V's grounding phrasing (docs/glm-format.md, "Grounding").
/// </summary>
internal static class DescribeImagePrompts
{
    public const string Describe =
        "Describe this image thoroughly: what it shows and its layout, every piece of visible text, the colours and " +
        "styling, and anything notable. If it is a screenshot of software, name the application or page, the state it " +
        "is in, and quote any error or warning messages exactly.";

    public const string Ocr =
        "Transcribe all text in this image exactly as written, in reading order, keeping line breaks and the structure " +
        "of tables and lists (use Markdown for tables). Output only the text.";

    public static string Locate(string target) =>
        $"Help me to locate {target} in the image and give me its bounding boxes.";

    public static string For(DescribeMode mode, string? prompt) => mode switch
    {
        DescribeMode.Ocr => string.IsNullOrWhiteSpace(prompt) ? Ocr : $"{Ocr}\n{prompt.Trim()}",
        DescribeMode.Locate => string.IsNullOrWhiteSpace(prompt)
            ? throw new UserInputException("mode 'locate' needs 'prompt': say what to find, e.g. \"the Save button\".")
            : Locate(prompt.Trim()),
        _ => string.IsNullOrWhiteSpace(prompt) ? Describe : prompt.Trim(),
    };
}
