using GlmMcp.Inference.Glm;
using GlmMcp.Inference.Local.Gguf;
using Microsoft.Extensions.AI;

using GlmMcp.Inference.Tests.TinyGguf;

namespace GlmMcp.Inference.Tests.Local;

/// <summary>The engine tests on the GLM-4.6V-Flash shape (<c>glm4</c>), plus the queueing behaviour.</summary>
public sealed class DenseLocalEngineTests(TinyEngineFixture fixture)
    : LocalEngineTestsBase(fixture, SyntheticGgufWriter.DenseArchitecture), IClassFixture<TinyEngineFixture>
{
    private static ChatOptions Answer(string word) =>
        new ChatOptions { MaxOutputTokens = 400, Temperature = 0, TopK = 1 }.WithGrammar($"root ::= \"{word}\"");

    [Fact]
    public async Task Waiting_requests_are_served_in_arrival_order()
    {
        var order = new List<string>();
        async Task Ask(string word)
        {
            var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.User, word)], Answer(word));
            lock (order)
                order.Add(response.Text);
        }

        await Client.LoadAsync();
        var busy = Ask(new string('x', 100));
        var first = Ask("first");
        var second = Ask("second");
        var third = Ask("third");
        await Task.WhenAll(busy, first, second, third);

        Assert.Equal(["first", "second", "third"], order.Skip(1));
    }

    [Fact]
    public async Task Two_contexts_answer_image_requests_at_the_same_time_without_mixing_them_up()
    {
        using var client = TinyEngine.Create(Files.Paths(SyntheticGgufWriter.DenseArchitecture), o => o.Contexts = 2);
        var image = new DataContent(TestImages.Png(), "image/png");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, [image, new TextContent($"q{i}")])], Answer($"answer{i}"))));

        Assert.Equal(["answer0", "answer1", "answer2", "answer3"], answers.Select(a => a.Text));
    }
    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused_naming_the_setting_to_raise()
    {
        var e = await Assert.ThrowsAsync<GlmMcp.Core.UserInputException>(() =>
            Client.GetResponseAsync([new ChatMessage(ChatRole.User, new string('a', 3000))], Answer("a")));

        Assert.Contains("the context holds 2048", e.Message);
        Assert.Contains("Engine:Local:ContextSize", e.Message);
    }
}
