using GlmMcp.Inference.Glm;

namespace GlmMcp.Inference.Tests.Glm;

public sealed class CodeBlockExtractorTests
{
    [Fact]
    public void A_fenced_html_block_is_taken_without_the_surrounding_prose()
    {
        var code = CodeBlockExtractor.Extract(
            "Here is the page:\n\n```html\n<!DOCTYPE html>\n<html><body><h1>Hi</h1></body></html>\n```\n\nIt uses a flex layout.");

        Assert.NotNull(code);
        Assert.Equal("<!DOCTYPE html>\n<html><body><h1>Hi</h1></body></html>", code.Code);
        Assert.Equal("html", code.Language);
        Assert.True(code.Fenced);
        Assert.False(code.Truncated);
    }

    [Fact]
    public void The_block_in_the_preferred_language_wins_over_a_longer_other_block()
    {
        var code = CodeBlockExtractor.Extract(
            "```css\nbody { margin: 0; padding: 0; font-family: sans-serif; }\n```\nand\n```html\n<p>x</p>\n```");

        Assert.Equal("<p>x</p>", code!.Code);
    }

    [Fact]
    public void Unfenced_raw_html_is_cut_from_its_doctype_to_its_closing_tag()
    {
        var code = CodeBlockExtractor.Extract(
            "<|begin_of_box|>Here it is:\n<!DOCTYPE html>\n<html><body>Hi</body></html>\nHope it helps.<|end_of_box|>");

        Assert.Equal("<!DOCTYPE html>\n<html><body>Hi</body></html>", code!.Code);
        Assert.False(code.Fenced);
        Assert.False(code.Truncated);
    }

    [Fact]
    public void A_fence_that_never_closes_is_returned_as_truncated()
    {
        var code = CodeBlockExtractor.Extract("```html\n<html><body><div class=\"card\">");

        Assert.Equal("<html><body><div class=\"card\">", code!.Code);
        Assert.True(code.Truncated);
    }

    [Fact]
    public void Raw_html_without_its_closing_tag_is_returned_as_truncated()
    {
        var code = CodeBlockExtractor.Extract("<html lang=\"en\"><body><nav>");

        Assert.Equal("<html lang=\"en\"><body><nav>", code!.Code);
        Assert.False(code.Fenced);
        Assert.True(code.Truncated);
    }

    [Fact]
    public void Code_inside_the_thinking_is_ignored()
    {
        var code = CodeBlockExtractor.Extract("<think>maybe\n```html\n<p>draft</p>\n```\n</think>\n```html\n<p>final</p>\n```");

        Assert.Equal("<p>final</p>", code!.Code);
    }

    [Fact]
    public void An_answer_without_code_gives_null() =>
        Assert.Null(CodeBlockExtractor.Extract("No code here."));
}
