using GlmMcp.Inference.Glm;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Tests.Glm;

public sealed class GlmStreamSplitterTests
{
    private static (string Thinking, string Answer) Run(GlmStreamSplitter splitter, params string[] pieces)
    {
        var contents = pieces.SelectMany(splitter.Push).ToList();
        contents.AddRange(splitter.Flush());
        return (string.Concat(contents.OfType<TextReasoningContent>().Select(c => c.Text)),
            string.Concat(contents.OfType<TextContent>().Select(c => c.Text)));
    }

    [Fact]
    public void Thinking_and_answer_are_separated_even_when_tags_are_split_across_pieces()
    {
        var (thinking, answer) = Run(new GlmStreamSplitter(false), "<thi", "nk>Let me see", ".</th", "ink>\n<|begin_of_", "box|>A form<|end_of_box|>");

        Assert.Equal("Let me see.", thinking);
        Assert.Equal("A form", answer);
    }

    [Fact]
    public void Text_that_only_looks_like_a_tag_start_is_released_at_the_end()
    {
        var (_, answer) = Run(new GlmStreamSplitter(false), "a < b and c <th");

        Assert.Equal("a < b and c <th", answer);
    }

    [Fact]
    public void Tool_calls_are_held_back_for_the_parser_when_tools_were_offered()
    {
        var splitter = new GlmStreamSplitter(true);

        var (_, answer) = Run(splitter, "Rendering.\n<tool_", "call>render_page\n<arg_key>url</arg_key>\n<arg_value>x</arg_value>\n</tool_call>");

        Assert.Equal("Rendering.\n", answer);
        var call = Assert.Single(GlmToolCallParser.Parse(splitter.ToolCallText).Calls);
        Assert.Equal("render_page", call.Name);
    }
}
