using GlmMcp.Inference.Glm;

namespace GlmMcp.Inference.Tests.Glm;

public sealed class GlmAnswerParserTests
{
    [Fact]
    public void Thinking_is_split_off_and_box_markers_are_stripped()
    {
        var answer = GlmAnswerParser.Parse(
            "<think>The user wants a description. I see a form.</think>\n<|begin_of_box|>A login form with two fields.<|end_of_box|>");

        Assert.Equal("A login form with two fields.", answer.Answer);
        Assert.Equal("The user wants a description. I see a form.", answer.Thinking);
        Assert.False(answer.ThinkingTruncated);
    }

    [Fact]
    public void An_answer_cut_off_inside_the_thinking_has_no_answer_and_says_so()
    {
        var answer = GlmAnswerParser.Parse("<think>Looking at the layout, the header");

        Assert.Equal(string.Empty, answer.Answer);
        Assert.Equal("Looking at the layout, the header", answer.Thinking);
        Assert.True(answer.ThinkingTruncated);
    }

    [Fact]
    public void A_closing_think_tag_without_its_opening_still_separates_the_reasoning()
    {
        var answer = GlmAnswerParser.Parse("reasoning here</think>\nThe answer.");

        Assert.Equal("The answer.", answer.Answer);
        Assert.Equal("reasoning here", answer.Thinking);
    }

    [Fact]
    public void An_empty_think_block_and_a_trailing_stop_token_leave_only_the_answer()
    {
        var answer = GlmAnswerParser.Parse("<think></think>\nPlain answer.<|user|>");

        Assert.Equal("Plain answer.", answer.Answer);
        Assert.Null(answer.Thinking);
    }

    [Fact]
    public void Text_without_thinking_is_returned_as_is()
    {
        var answer = GlmAnswerParser.Parse("Just text.");

        Assert.Equal("Just text.", answer.Answer);
        Assert.Null(answer.Thinking);
    }
}
