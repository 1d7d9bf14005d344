using System.Text.Json;
using GlmMcp.Inference.Glm;
using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Tests.Glm;

public sealed class GlmPromptBuilderTests
{
    private static readonly DataContent Png = new(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png");
    private readonly GlmPromptBuilder _builder = new();

    [Fact]
    public void A_system_prompt_and_an_image_question_become_the_exact_glm_prompt()
    {
        var prompt = _builder.Build(
        [
            new ChatMessage(ChatRole.System, "You are a UI expert."),
            new ChatMessage(ChatRole.User, [Png, new TextContent("Describe it.")]),
        ]);

        Assert.Equal("[gMASK]<sop><|system|>\nYou are a UI expert.<|user|>\n<__media__>Describe it.<|assistant|>\n", prompt.Text);
        Assert.Same(Png, Assert.Single(prompt.Images));
        Assert.True(prompt.ThinkingEnabled);
    }

    [Fact]
    public void Thinking_off_appends_nothink_to_user_turns_and_prefills_an_empty_think_block()
    {
        var prompt = _builder.Build([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions().WithThinking(false));

        Assert.Equal("[gMASK]<sop><|user|>\nHi/nothink<|assistant|>\n<think></think>\n", prompt.Text);
        Assert.False(prompt.ThinkingEnabled);
    }

    [Fact]
    public void Thinking_off_does_not_repeat_a_nothink_the_user_already_wrote()
    {
        var prompt = _builder.Build([new ChatMessage(ChatRole.User, "Hi /nothink")], new ChatOptions().WithThinking(false));

        Assert.Equal("[gMASK]<sop><|user|>\nHi /nothink<|assistant|>\n<think></think>\n", prompt.Text);
    }

    [Fact]
    public void Reasoning_of_assistant_turns_before_the_last_user_turn_is_dropped()
    {
        var prompt = _builder.Build(
        [
            new ChatMessage(ChatRole.User, "Q1"),
            new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("r1"), new TextContent("A1")]),
            new ChatMessage(ChatRole.User, "Q2"),
        ]);

        Assert.Equal("[gMASK]<sop><|user|>\nQ1<|assistant|>\n<think></think>\nA1<|user|>\nQ2<|assistant|>\n", prompt.Text);
    }

    [Fact]
    public void Instructions_from_the_options_become_a_system_turn()
    {
        var prompt = _builder.Build([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Instructions = "Be brief." });

        Assert.Equal("[gMASK]<sop><|system|>\nBe brief.<|user|>\nHi<|assistant|>\n", prompt.Text);
    }

    [Fact]
    public void A_custom_media_marker_is_placed_where_each_image_is()
    {
        var second = new DataContent(new byte[] { 1 }, "image/jpeg");
        var prompt = new GlmPromptBuilder("<img>").Build(
            [new ChatMessage(ChatRole.User, [new TextContent("Compare "), Png, new TextContent(" with "), second])]);

        Assert.Equal("[gMASK]<sop><|user|>\nCompare <img> with <img><|assistant|>\n", prompt.Text);
        Assert.Equal([Png, second], prompt.Images);
    }

    [Fact]
    public void Tools_are_declared_and_a_tool_round_trip_with_an_image_result_shares_one_observation_turn()
    {
        using var schema = JsonDocument.Parse(
            """{"type":"object","properties":{"selector":{"type":"string"},"viewport":{"type":"object"}},"required":["selector"]}""");
        var tool = AIFunctionFactory.CreateDeclaration("render_page", "Renders a page.", schema.RootElement.Clone());
        using var viewport = JsonDocument.Parse("""{"width":800}""");
        var options = new ChatOptions { Tools = [tool] };

        var prompt = _builder.Build(
        [
            new ChatMessage(ChatRole.User, "Render it"),
            new ChatMessage(ChatRole.Assistant,
            [
                new TextReasoningContent("need a render"),
                new TextContent("Rendering."),
                new FunctionCallContent("c1", "render_page",
                    new Dictionary<string, object?> { ["selector"] = "#app", ["viewport"] = viewport.RootElement.Clone() }),
            ]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "ok"), Png]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c2", """{"w":800}""")]),
        ], options);

        const string expected =
            "[gMASK]<sop><|system|>\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
            "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n" +
            """{"type":"function","function":{"name":"render_page","description":"Renders a page.","parameters":{"type":"object","properties":{"selector":{"type":"string"},"viewport":{"type":"object"}},"required":["selector"]}}}""" +
            "\n</tools>\n\nFor each function call, output the function name and arguments within the following XML format:\n" +
            "<tool_call>{function-name}\n<arg_key>{arg-key-1}</arg_key>\n<arg_value>{arg-value-1}</arg_value>\n" +
            "<arg_key>{arg-key-2}</arg_key>\n<arg_value>{arg-value-2}</arg_value>\n...\n</tool_call>" +
            "<|user|>\nRender it" +
            "<|assistant|>\n<think>need a render</think>\nRendering.\n<tool_call>render_page\n" +
            "<arg_key>selector</arg_key>\n<arg_value>#app</arg_value>\n" +
            "<arg_key>viewport</arg_key>\n<arg_value>{\"width\":800}</arg_value>\n</tool_call>" +
            "<|observation|>\n<tool_response>\nok<__media__>\n</tool_response>\n<tool_response>\n{\"w\":800}\n</tool_response>" +
            "<|assistant|>\n";
        Assert.Equal(expected, prompt.Text);
        Assert.Same(Png, Assert.Single(prompt.Images));
    }

    [Fact]
    public void Tool_calls_parsed_from_model_output_format_back_to_the_same_text()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"q":{"type":"string"},"n":{"type":"integer"}}}""");
        var tool = AIFunctionFactory.CreateDeclaration("search", "Searches.", schema.RootElement.Clone());
        const string output = "<tool_call>search\n<arg_key>q</arg_key>\n<arg_value>42</arg_value>\n<arg_key>n</arg_key>\n<arg_value>3</arg_value>\n</tool_call>";
        var call = Assert.Single(GlmToolCallParser.Parse(output, [tool]).Calls);

        var prompt = _builder.Build([new ChatMessage(ChatRole.User, "x"), new ChatMessage(ChatRole.Assistant, [call])]);

        Assert.EndsWith("<|assistant|>\n<think></think>\n\n" + output + "<|assistant|>\n", prompt.Text);
    }
    [Fact]
    public void A_media_marker_typed_in_text_is_removed_so_it_cannot_pose_as_an_image()
    {
        var prompt = _builder.Build([new ChatMessage(ChatRole.User, "What does <__media__> mean?")]);

        Assert.Equal("[gMASK]<sop><|user|>\nWhat does  mean?<|assistant|>\n", prompt.Text);
        Assert.Empty(prompt.Images);
    }
}
