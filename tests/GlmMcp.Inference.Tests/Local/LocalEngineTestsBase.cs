using System.Diagnostics;
using GlmMcp.Inference.Glm;
using GlmMcp.Inference.Local;
using GlmMcp.Inference.Local.Gguf;
using Microsoft.Extensions.AI;
using SkiaSharp;

using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

/// <summary>
/// The real local engine (LLamaSharp + native llama.cpp/mtmd) on the synthetic tiny model. Its output is noise;
/// these tests prove the plumbing: load, image encode, generation, limits, grammar, cancellation, concurrency, cache.
/// </summary>
public abstract class LocalEngineTestsBase(TinyEngineFixture fixture, string architecture)
{
    private static readonly byte[] Png = TestImages.Png();

    protected LocalGlmChatClient Client => fixture.Client(architecture);

    protected TinyModelFiles Files => fixture.Files;

    private static ChatOptions Greedy(int maxTokens) => new ChatOptions
    {
        MaxOutputTokens = maxTokens,
        Temperature = 0,
        TopK = 1,
        Seed = 7,
    }.WithThinking(false);

    private static List<ChatMessage> ImageQuestion(string question) =>
    [
        new(ChatRole.System, "You describe user interfaces."),
        new(ChatRole.User, [new DataContent(Png, "image/png"), new TextContent(question)]),
    ];

    [Fact]
    public async Task The_model_and_its_mmproj_load_and_report_their_shape()
    {
        var info = await Client.LoadAsync();

        Assert.Equal(architecture, info.Architecture);
        Assert.Equal(SyntheticGgufWriter.EmbeddingLength, info.EmbeddingLength);
        Assert.Equal([2L, 3, 3, 0], info.RopeSections);
        Assert.Equal("glm4v", info.ProjectorType);
    }

    [Fact]
    public async Task A_text_and_image_chat_is_answered_through_IChatClient()
    {
        var response = await Client.GetResponseAsync(ImageQuestion("What is on the screen?"), Greedy(8));

        var stats = Assert.IsType<LocalGenerationStats>(response.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]);
        Assert.Equal(1, stats.ImageCount);
        Assert.True(stats.PromptTokens > 20, $"prompt tokens {stats.PromptTokens}");
        Assert.InRange(stats.GeneratedTokens, 0, 8);
        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.NotNull(response.FinishReason);
        Assert.Equal(stats.PromptTokens, response.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_as_a_plain_response()
    {
        var messages = ImageQuestion("Describe it.");
        var plain = await Client.GetResponseAsync(messages, Greedy(12));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client.GetStreamingResponseAsync(messages, Greedy(12)))
            updates.Add(update);

        Assert.Equal(plain.Text, updates.ToChatResponse().Text);
        Assert.Equal(plain.FinishReason, updates.Last().FinishReason);
        Assert.Contains(updates.SelectMany(u => u.Contents), c => c is UsageContent);
    }

    [Fact]
    public async Task Max_output_tokens_is_honoured()
    {
        var options = Greedy(5).WithGrammar("root ::= \"x\"{40}");

        var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, "Write x.")], options);

        Assert.Equal("xxxxx", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task A_gbnf_grammar_constrains_the_answer()
    {
        var options = Greedy(10).WithGrammar("root ::= \"yes\" | \"no\"");

        var response = await Client.GetResponseAsync(ImageQuestion("Is there a button?"), options);

        Assert.Contains(response.Text, new[] { "yes", "no" });
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task A_json_response_format_makes_the_answer_start_as_json()
    {
        var options = Greedy(40);
        options.ResponseFormat = ChatResponseFormat.Json;

        var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, "Give JSON.")], options);

        Assert.StartsWith("{", response.Text);
    }

    [Fact]
    public async Task Cancellation_stops_generation_promptly_and_the_engine_keeps_serving()
    {
        using var cts = new CancellationTokenSource();
        var options = Greedy(1500).WithGrammar("root ::= \"x\"{1500}");
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")], options, cts.Token))
            {
                if (++received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.True(received < 1000, $"{received} updates arrived after cancelling");
        var next = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], Greedy(3).WithGrammar("root ::= \"ok\""));
        Assert.Equal("ok", next.Text);
    }

    [Fact]
    public async Task Two_concurrent_requests_are_both_answered_correctly()
    {
        var alpha = Client.GetResponseAsync(ImageQuestion("first"), Greedy(10).WithGrammar("root ::= \"alpha\""));
        var beta = Client.GetResponseAsync(ImageQuestion("second"), Greedy(10).WithGrammar("root ::= \"beta\""));

        var responses = await Task.WhenAll(alpha, beta);

        Assert.Equal("alpha", responses[0].Text);
        Assert.Equal("beta", responses[1].Text);
    }

    [Fact]
    public async Task A_follow_up_sharing_the_system_prompt_and_image_reuses_the_kv_cache_and_answers_the_same()
    {
        await Client.GetResponseAsync(ImageQuestion("What is this?"), Greedy(6));
        var followUp = await Client.GetResponseAsync(ImageQuestion("Where is the button?"), Greedy(6));

        var stats = (LocalGenerationStats)followUp.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;
        Assert.True(stats.KvCacheReused);
        Assert.True(stats.ReusedPromptTokens > 20, $"reused {stats.ReusedPromptTokens} of {stats.PromptTokens}");
        // The synthetic vocabulary is byte-level: the new tokens are the differing characters of the question
        // ("ere is the button?" after the shared "Wh"), "/nothink" and the assistant prefill (4 specials + 2 newlines).
        var differing = "ere is the button?/nothink".Length + 6;
        Assert.Equal(differing, stats.PromptTokens - stats.ReusedPromptTokens);

        using var fresh = TinyEngine.Create(fixture.Files.Paths(architecture));
        var fromScratch = await fresh.GetResponseAsync(ImageQuestion("Where is the button?"), Greedy(6));
        var freshStats = (LocalGenerationStats)fromScratch.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;
        Assert.False(freshStats.KvCacheReused);
        Assert.Equal(fromScratch.Text, followUp.Text);
    }
    [Fact]
    public async Task A_refine_round_reuses_the_system_text_and_target_image_of_the_round_before_and_answers_as_a_fresh_engine_does()
    {
        var target = TestImages.Png(120, 80);
        var render = TestImages.Png(120, 80, SKColors.Beige);
        var diff = TestImages.Png(96, 64, SKColors.LightGray);

        var first = await Client.GetResponseAsync(RefineConversation.FirstRound(target), Greedy(6));
        var second = await Client.GetResponseAsync(RefineConversation.SecondRound(target, render, diff), Greedy(6));

        var firstStats = (LocalGenerationStats)first.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;
        var stats = (LocalGenerationStats)second.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;
        // The first prompt is the shared prefix (system text, target image, the ask) followed by at most "/nothink" and
        // the assistant prefill (4 specials + 2 newlines); the second reuses all of the prefix, and of the first prompt
        // as much as the second repeats.
        var prefix = firstStats.PromptTokens - ("/nothink".Length + 6);
        Assert.InRange(stats.ReusedPromptTokens, prefix, firstStats.PromptTokens);
        Assert.Equal(3, stats.ImageCount);
        Assert.Equal(1, stats.ReusedImageCount);

        using var fresh = TinyEngine.Create(fixture.Files.Paths(architecture));
        var fromScratch = await fresh.GetResponseAsync(RefineConversation.SecondRound(target, render, diff), Greedy(6));
        var freshStats = (LocalGenerationStats)fromScratch.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;
        Assert.Equal(0, freshStats.ReusedPromptTokens);
        Assert.Equal(0, freshStats.ReusedImageCount);
        Assert.Equal(freshStats.PromptTokens, stats.PromptTokens);
        Assert.Equal(fromScratch.Text, second.Text);
    }

    [Fact]
    public async Task With_two_contexts_each_refine_loop_gets_back_the_context_that_holds_its_target()
    {
        using var client = TinyEngine.Create(fixture.Files.Paths(architecture), o => o.Contexts = 2);
        var targetA = TestImages.Png(120, 80);
        var targetB = TestImages.Png(120, 80, SKColors.Khaki);
        var render = TestImages.Png(120, 80, SKColors.Beige);
        var diff = TestImages.Png(96, 64, SKColors.LightGray);

        // One loop alone: first come, first served would hand round 2 the other, empty context.
        var a1 = Stats(await client.GetResponseAsync(RefineConversation.FirstRound(targetA), Greedy(4)));
        var a2 = Stats(await client.GetResponseAsync(RefineConversation.SecondRound(targetA, render, diff), Greedy(4)));
        // Two loops taking turns.
        var b1 = Stats(await client.GetResponseAsync(RefineConversation.FirstRound(targetB), Greedy(4)));
        var a3 = Stats(await client.GetResponseAsync(RefineConversation.SecondRound(targetA, diff, render), Greedy(4)));
        var b2 = Stats(await client.GetResponseAsync(RefineConversation.SecondRound(targetB, render, diff), Greedy(4)));

        var prefix = a1.PromptTokens - ("/nothink".Length + 6);
        Assert.True(a2.ReusedPromptTokens >= prefix, $"round 2 reused {a2.ReusedPromptTokens} of a {prefix}-token prefix");
        Assert.True(a3.ReusedPromptTokens >= prefix, $"loop A's next round reused {a3.ReusedPromptTokens} of a {prefix}-token prefix");
        Assert.True(b2.ReusedPromptTokens >= b1.PromptTokens - ("/nothink".Length + 6), $"loop B's round 2 reused {b2.ReusedPromptTokens}");
        Assert.Equal(1, a2.ReusedImageCount);
        Assert.Equal(1, b2.ReusedImageCount);
    }

    private static LocalGenerationStats Stats(ChatResponse response) =>
        (LocalGenerationStats)response.AdditionalProperties![LocalGenerationStats.AdditionalPropertiesKey]!;

    [Fact]
    public async Task A_grammar_that_does_not_parse_is_refused_with_a_message()
    {
        var options = Greedy(5).WithGrammar("root ::= (unclosed");

        var e = await Assert.ThrowsAsync<GlmMcp.Core.UserInputException>(() =>
            Client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], options));

        Assert.Contains("GBNF grammar cannot be used: failed to parse grammar", e.Message);
    }

    [Fact]
    public async Task A_tool_call_written_by_the_model_comes_back_as_a_function_call()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(
            """{"type":"object","properties":{"url":{"type":"string"},"width":{"type":"integer"}}}""");
        var tool = AIFunctionFactory.CreateDeclaration("render_page", "Renders a page.", schema.RootElement.Clone());
        const string call = "<tool_call>render_page\n<arg_key>url</arg_key>\n<arg_value>a.html</arg_value>\n" +
            "<arg_key>width</arg_key>\n<arg_value>800</arg_value>\n</tool_call>";
        var options = Greedy(200).WithGrammar($"root ::= \"Rendering.\\n{call.Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        options.Tools = [tool];

        var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, "Render a.html")], options);
        var streamed = await Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Render a.html")], options).ToChatResponseAsync();

        foreach (var r in new[] { response, streamed })
        {
            Assert.Equal(ChatFinishReason.ToolCalls, r.FinishReason);
            Assert.Equal("Rendering.", r.Text.Trim());
            var function = Assert.Single(r.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.Equal("render_page", function.Name);
            Assert.Equal("a.html", function.Arguments!["url"]);
            Assert.Equal(800, ((System.Text.Json.JsonElement)function.Arguments["width"]!).GetInt32());
        }
    }
    [Fact]
    public async Task Cancelling_a_plain_request_stops_it_and_frees_the_context()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var options = Greedy(1500).WithGrammar("root ::= \"x\"{1500}");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Client.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], options, cts.Token));

        var next = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, "y")], Greedy(3).WithGrammar("root ::= \"ok\""));
        Assert.Equal("ok", next.Text);
    }
}
