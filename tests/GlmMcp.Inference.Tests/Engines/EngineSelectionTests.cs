using GlmMcp.Core;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.DescribeImage;
using GlmMcp.Inference.Engines;
using GlmMcp.Inference.Sampling;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Tests.Engines;

public sealed class EngineSelectionTests
{
    [Theory]
    [InlineData("Engine:MaxTokens", "0", "Engine:MaxTokens must be between 1")]
    [InlineData("Engine:TopP", "0", "Engine:TopP must be in (0, 1]")]
    [InlineData("Engine:Temperature", "3", "Engine:Temperature must be between 0 and 2")]
    public void Invalid_engine_settings_are_refused_naming_the_setting(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EngineOptions>>().Value);

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Engine:Kind", "foo", "Engine:Kind is 'foo'; use one of: local, openai, sampling.")]
    [InlineData("Engine:OpenAi:Provider", "azure", "Engine:OpenAi:Provider is 'azure'; use one of: vllm, sglang, zhipu.")]
    public void An_unknown_choice_is_refused_listing_the_allowed_values(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });

        var error = Assert.Throws<UserInputException>(() =>
        {
            _ = services.GetRequiredService<IOptions<EngineOptions>>().Value;
            _ = services.GetRequiredService<IOptions<GlmMcp.Inference.OpenAi.OpenAiEngineOptions>>().Value;
        });

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void An_mmproj_with_a_remote_engine_is_refused()
    {
        using var services = Build(new() { ["Engine:Kind"] = "sampling", ["Engine:Mmproj"] = "/m.gguf" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EngineOptions>>().Value);

        Assert.Contains("Engine:Mmproj (--mmproj) only applies to the local engine", error.Message);
    }

    [Fact]
    public async Task The_sampling_engine_uses_the_clients_model_and_fills_the_token_budget_mcp_requires()
    {
        var clientModel = TestChatClient.Answering(_ => "ok");
        using var services = Build(new() { ["Engine:Kind"] = "sampling", ["Engine:MaxTokens"] = "512" });
        var provider = services.GetRequiredService<IChatClientProvider>();

        var client = await provider.GetAsync(new Source(true, clientModel), null, CancellationToken.None);
        await client.GetResponseAsync("hi", ThinkingSwitch.Apply(new ChatOptions(), false));

        Assert.Equal(EngineKind.Sampling, provider.Kind);
        Assert.Equal(512, clientModel.Requests.Single().Options!.MaxOutputTokens);
        Assert.Null(clientModel.Requests.Single().Options!.Reasoning);
        Assert.Equal("sampling (the model of MCP client 'test client 1.0')", provider.Describe(new Source(true, clientModel)));
    }

    [Fact]
    public async Task The_sampling_engine_refuses_a_client_without_sampling_and_a_call_from_outside_mcp()
    {
        using var services = Build(new() { ["Engine:Kind"] = "sampling" });
        var provider = services.GetRequiredService<IChatClientProvider>();

        var noCapability = await Assert.ThrowsAsync<UserInputException>(() => provider.GetAsync(new Source(false, TestChatClient.Answering(_ => "ok")), null, CancellationToken.None).AsTask());
        var noClient = await Assert.ThrowsAsync<UserInputException>(() => provider.GetAsync(null, null, CancellationToken.None).AsTask());

        Assert.Contains("'test client 1.0' does not declare the sampling capability", noCapability.Message);
        Assert.Contains("did not come from an MCP client", noClient.Message);
    }

    [Theory]
    [InlineData(false, null, ReasoningEffort.None)]
    [InlineData(true, null, null)]
    [InlineData(false, true, ReasoningEffort.Medium)]
    public async Task The_thinking_default_applies_only_when_a_request_does_not_say(bool engineDefault, bool? request, ReasoningEffort? sent)
    {
        var inner = TestChatClient.Answering(_ => "ok");
        var client = new ThinkingDefaultChatClient(inner, engineDefault);

        await client.GetResponseAsync("hi", ThinkingSwitch.Apply(new ChatOptions(), request));

        Assert.Equal(sent, inner.Requests.Single().Options?.Reasoning?.Effort);
    }

    [Fact]
    public void The_glm_answer_reader_drops_thinking_and_box_markers_and_maps_boxes_to_pixels()
    {
        using var services = Build([]);
        var reader = services.GetRequiredService<IModelAnswerReader>();
        const string output = "<think>The button is top left.</think><|begin_of_box|>[[0,0,500,250]]<|end_of_box|>";

        Assert.Equal("[[0,0,500,250]]", reader.VisibleText(output));
        var box = Assert.Single(reader.ReadBoxes(output, 200, 100));
        Assert.Equal((0, 0, 100, 25), (box.Box.X, box.Box.Y, box.Box.Width, box.Box.Height));
    }

    [Fact]
    public void The_glm_answer_reader_rejects_a_box_beyond_the_page_with_a_note_instead_of_taking_the_whole_page()
    {
        using var services = Build([]);
        var reader = services.GetRequiredService<IModelAnswerReader>();
        const string output = "<|begin_of_box|>[[0,0,1000000000,1000000000]]<|end_of_box|>";

        Assert.Empty(reader.ReadBoxes(output, 200, 100));
        Assert.Contains("0 to 1000", Assert.Single(reader.RejectedBoxes(output, 200, 100)));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddEngines(configuration).BuildServiceProvider();
    }

    private sealed class Source(bool supports, IChatClient client) : ISamplingSource
    {
        public string ClientName => "test client 1.0";

        public bool SupportsSampling => supports;

        public IChatClient CreateChatClient() => client;
    }
}
