using System.Text.Json;
using GlmMcp.Inference.Glm;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Tests.Glm;

public sealed class GlmToolCallParserTests
{
    private static AIFunctionDeclaration RenderPage()
    {
        using var schema = JsonDocument.Parse(
            """{"type":"object","properties":{"selector":{"type":"string"},"viewport":{"type":"object"},"scale":{"type":"number"}}}""");
        return AIFunctionFactory.CreateDeclaration("render_page", "Renders a page.", schema.RootElement.Clone());
    }

    [Fact]
    public void A_tool_call_becomes_a_function_call_with_string_and_json_values_by_schema()
    {
        const string output =
            "I'll render the page first.\n<tool_call>render_page\n<arg_key>selector</arg_key>\n<arg_value>123</arg_value>\n" +
            "<arg_key>viewport</arg_key>\n<arg_value>{\"width\": 800, \"height\": 600}</arg_value>\n" +
            "<arg_key>scale</arg_key>\n<arg_value>2</arg_value>\n</tool_call>";

        var parsed = GlmToolCallParser.Parse(output, [RenderPage()]);

        Assert.Equal("I'll render the page first.", parsed.Text);
        var call = Assert.Single(parsed.Calls);
        Assert.Equal("render_page", call.Name);
        Assert.StartsWith("call_", call.CallId);
        Assert.Equal("123", Assert.IsType<string>(call.Arguments!["selector"]));
        var viewport = Assert.IsType<JsonElement>(call.Arguments["viewport"]);
        Assert.Equal(800, viewport.GetProperty("width").GetInt32());
        Assert.Equal(2, Assert.IsType<JsonElement>(call.Arguments["scale"]).GetInt32());
    }

    [Fact]
    public void Several_calls_are_all_parsed_and_values_of_unknown_tools_are_json_when_they_parse()
    {
        const string output =
            "<tool_call>a\n<arg_key>n</arg_key>\n<arg_value>42</arg_value>\n</tool_call>\n" +
            "<tool_call>b\n<arg_key>text</arg_key>\n<arg_value>hello world</arg_value>\n</tool_call>";

        var parsed = GlmToolCallParser.Parse(output);

        Assert.Equal(string.Empty, parsed.Text);
        Assert.Equal(["a", "b"], parsed.Calls.Select(c => c.Name));
        Assert.Equal(42, Assert.IsType<JsonElement>(parsed.Calls[0].Arguments!["n"]).GetInt32());
        Assert.Equal("hello world", parsed.Calls[1].Arguments!["text"]);
    }

    [Fact]
    public void A_multi_line_string_value_is_kept_verbatim()
    {
        const string output =
            "<tool_call>render_page\n<arg_key>selector</arg_key>\n<arg_value>div >\n  p</arg_value>\n</tool_call>";

        var call = Assert.Single(GlmToolCallParser.Parse(output, [RenderPage()]).Calls);

        Assert.Equal("div >\n  p", call.Arguments!["selector"]);
    }

    [Fact]
    public void Text_without_tool_calls_has_no_calls() =>
        Assert.Empty(GlmToolCallParser.Parse("Nothing to call.").Calls);
}
