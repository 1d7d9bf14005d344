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

    /// <summary>Before the pages of a PDF, each of which follows its label ("Page 3:").</summary>
    public static string PdfIntro(int sent, int pageCount) =>
        $"The images below are {sent} page{(sent == 1 ? "" : "s")} of a PDF of {pageCount} page{(pageCount == 1 ? "" : "s")}, each after its page number.";

    /// <summary>Before the frames of a video, each of which follows its time ("Frame at 01:05:").</summary>
    public static string VideoIntro(int sent, string duration) =>
        $"The images below are {sent} frame{(sent == 1 ? "" : "s")} of a video {duration} long, in time order, each after its time (minutes:seconds).";

    public const string CitePages = "Cite the pages you draw on, as (page 3).";

    public const string CiteTimes = "Cite the times you draw on, as (02:31).";

    /// <summary>What precedes a page or frame: "Page 3:" or "Frame at 01:05:".</summary>
    public static string Label(Documents.MediaImage part) => part.Page is { } page ? $"Page {page}:" : $"Frame at {part.Label}:";

    public static string For(DescribeMode mode, string? prompt) => mode switch
    {
        DescribeMode.Ocr => string.IsNullOrWhiteSpace(prompt) ? Ocr : $"{Ocr}\n{prompt.Trim()}",
        DescribeMode.Locate => string.IsNullOrWhiteSpace(prompt)
            ? throw new UserInputException("mode 'locate' needs 'prompt': say what to find, e.g. \"the Save button\".")
            : Locate(prompt.Trim()),
        _ => string.IsNullOrWhiteSpace(prompt) ? Describe : prompt.Trim(),
    };
}
