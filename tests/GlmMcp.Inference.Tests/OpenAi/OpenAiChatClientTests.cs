using System.Net;
using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Inference.Engines;
using GlmMcp.Inference.OpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GlmMcp.Inference.Tests.OpenAi;

public sealed class OpenAiChatClientTests
{
    // The smallest valid PNG: 1×1, one red pixel.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    [Fact]
    public async Task An_image_travels_as_a_base64_data_url_beside_the_text()
    {
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("A red dot.")));
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(Png, "image/png"), new TextContent("What is this?")])]);

        Assert.Equal("A red dot.", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        var parts = request.Json.GetProperty("messages")[0].GetProperty("content");
        var image = parts.EnumerateArray().Single(p => p.GetProperty("type").GetString() == "image_url");
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), image.GetProperty("image_url").GetProperty("url").GetString());
        Assert.Contains(parts.EnumerateArray(), p => p.GetProperty("type").GetString() == "text" && p.GetProperty("text").GetString() == "What is this?");
        Assert.Equal("glm-4.6v", request.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Two_refine_rounds_begin_with_the_same_bytes_up_to_the_target_image_so_a_server_prefix_cache_hits()
    {
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("```html\n<p>page</p>\n```")));
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);
        var target = PngBuilder.Build(1, 1, PngBuilder.Rgb, 8, [[0, 70, 130, 180]]);
        var render = PngBuilder.Build(1, 1, PngBuilder.Rgb, 8, [[0, 255, 255, 255]]);
        var diff = PngBuilder.Build(1, 1, PngBuilder.Rgb, 8, [[0, 255, 0, 0]]);

        await client.GetResponseAsync(RefineConversation.FirstRound(target));
        await client.GetResponseAsync(RefineConversation.SecondRound(target, render, diff));

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var first = requests[0].Json.GetProperty("messages");
        var second = requests[1].Json.GetProperty("messages");
        Assert.Equal(2, first.GetArrayLength());
        Assert.Equal(4, second.GetArrayLength());
        var targetUrl = first[1].GetProperty("content").EnumerateArray()
            .Single(p => p.GetProperty("type").GetString() == "image_url").GetProperty("image_url").GetProperty("url").GetString();
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(target), targetUrl);
        // Byte for byte: everything up to the end of the turn with the target image (the system text, the image, the ask).
        var firstBody = requests[0].BodyText;
        var secondBody = requests[1].BodyText;
        var prefixEnd = firstBody.IndexOf(first[1].GetRawText(), StringComparison.Ordinal) + first[1].GetRawText().Length;
        Assert.True(prefixEnd > firstBody.Length / 2, $"the target turn ends at {prefixEnd} of {firstBody.Length}");
        Assert.Equal(firstBody[..prefixEnd], secondBody[..prefixEnd]);
    }

    [Theory]
    [InlineData("vllm", false)]
    [InlineData("vllm", true)]
    [InlineData("sglang", false)]
    [InlineData("sglang", true)]
    public async Task Vllm_and_sglang_get_the_thinking_switch_in_chat_template_kwargs(string provider, bool thinking)
    {
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("ok")));
        using var services = Build(server.BaseUri, provider);
        var client = await ClientAsync(services);

        await client.GetResponseAsync("hi", ThinkingSwitch.Apply(new ChatOptions(), thinking));

        var json = Assert.Single(server.Requests).Json;
        Assert.Equal(thinking, json.GetProperty("chat_template_kwargs").GetProperty("enable_thinking").GetBoolean());
        Assert.False(json.TryGetProperty("thinking", out _));
        Assert.False(json.TryGetProperty("reasoning_effort", out _), "GLM servers do not read reasoning_effort");
    }

    [Theory]
    [InlineData(false, "disabled")]
    [InlineData(true, "enabled")]
    public async Task Zhipu_gets_the_thinking_switch_as_thinking_type_and_the_key_from_the_named_variable(bool thinking, string expected)
    {
        var variable = "GLM_MCP_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "secret-key");
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("ok")));
        using var services = Build(server.BaseUri, "zhipu", new() { ["Engine:OpenAi:ApiKeyVariable"] = variable });
        var client = await ClientAsync(services);

        await client.GetResponseAsync("hi", ThinkingSwitch.Apply(new ChatOptions { MaxOutputTokens = 77 }, thinking));

        var request = Assert.Single(server.Requests);
        Assert.Equal(expected, request.Json.GetProperty("thinking").GetProperty("type").GetString());
        Assert.False(request.Json.TryGetProperty("chat_template_kwargs", out _));
        Assert.Equal(77, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal("Bearer secret-key", request.Header("Authorization"));
    }

    [Fact]
    public async Task A_request_that_does_not_say_gets_the_configured_thinking_default_and_sampling_defaults()
    {
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("ok")));
        using var services = Build(server.BaseUri, extra: new() { ["Engine:Thinking"] = "false", ["Engine:MaxTokens"] = "321" });
        var client = await ClientAsync(services);

        await client.GetResponseAsync("hi");

        var json = Assert.Single(server.Requests).Json;
        Assert.False(json.GetProperty("chat_template_kwargs").GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(321, json.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(0.8, json.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.6, json.GetProperty("top_p").GetDouble(), 3);
    }

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public async Task Reasoning_content_is_kept_out_of_the_answer_but_kept_as_reasoning(string field)
    {
        await using var server = new LoopbackHttpServer((c, _) =>
            VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("A login form.", "I see two inputs and a button.", field)));
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);

        var response = await client.GetResponseAsync("describe");

        Assert.Equal("A login form.", response.Text);
        var reasoning = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
        Assert.Equal("I see two inputs and a button.", reasoning.Text);
    }

    [Fact]
    public async Task Streamed_reasoning_is_kept_out_of_the_streamed_answer()
    {
        await using var server = new LoopbackHttpServer((c, r) =>
        {
            Assert.True(r.Json.GetProperty("stream").GetBoolean());
            return VllmReplies.WriteStreamAsync(c, ["Two inputs", ", a button."], ["A login", " form."]);
        });
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("describe"))
            updates.Add(update);

        Assert.Equal("A login form.", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("Two inputs, a button.", string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text)));
    }

    [Fact]
    public async Task A_tool_call_comes_back_as_a_function_call_and_its_result_goes_back_as_a_tool_message()
    {
        await using var server = new LoopbackHttpServer((c, r) =>
            r.Json.GetProperty("messages").GetArrayLength() == 1
                ? VllmReplies.WriteJsonAsync(c, VllmReplies.ToolCall("call_1", "render_page", """{"html":"<p>hi</p>","width":800}"""))
                : VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("Rendered.")));
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);
        var tool = AIFunctionFactory.Create((string html, int width) => "ok", "render_page", "Renders HTML");
        var options = new ChatOptions { Tools = [tool] };
        List<ChatMessage> history = [new(ChatRole.User, "Render <p>hi</p>")];

        var first = await client.GetResponseAsync(history, options);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("render_page", call.Name);
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("<p>hi</p>", call.Arguments!["html"]?.ToString());
        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "rendered 800x600")]));
        var second = await client.GetResponseAsync(history, options);

        Assert.Equal("Rendered.", second.Text);
        var requests = server.Requests.ToArray();
        Assert.Equal("render_page", requests[0].Json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var sent = requests[1].Json.GetProperty("messages");
        Assert.Equal("call_1", sent[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("tool", sent[2].GetProperty("role").GetString());
        Assert.Equal("call_1", sent[2].GetProperty("tool_call_id").GetString());
        Assert.Contains("rendered 800x600", sent[2].GetProperty("content").ToString());
    }

    [Fact]
    public async Task A_503_is_retried_and_the_second_answer_is_returned()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer((c, _) => Interlocked.Increment(ref calls) == 1
            ? VllmReplies.WriteJsonAsync(c, VllmReplies.Error("Service is overloaded", 503), 503)
            : VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("Second time lucky.")));
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("Second time lucky.", response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("hi", r.Json.GetProperty("messages")[0].GetProperty("content").ToString()));
    }

    [Fact]
    public async Task A_400_is_surfaced_with_the_servers_message_and_not_retried()
    {
        const string message = "This model's maximum context length is 131072 tokens. However, you requested 200000 tokens.";
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Error(message, 400), 400));
        using var services = Build(server.BaseUri);
        var client = await ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(() => client.GetResponseAsync("hi"));

        Assert.Contains(message, error.Message);
        Assert.Contains("400", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_engine_that_is_down_gives_a_clear_error_that_names_the_setting()
    {
        using var services = Build(LoopbackHttpServer.ClosedPortUri());
        var client = await ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(() => client.GetResponseAsync("hi"));

        Assert.Contains("refused the connection", error.Message);
        Assert.Contains("--base-url", error.Message);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_gives_a_clear_error()
    {
        // The answer comes only once the client has given up on it.
        var gaveUp = new TaskCompletionSource();
        await using var server = new LoopbackHttpServer(async (c, _) =>
        {
            await gaveUp.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("late"));
        });
        using var services = Build(server.BaseUri, extra: new() { ["Engine:OpenAi:Timeout"] = "00:00:00.300" });
        var client = await ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(() => client.GetResponseAsync("hi"));
        gaveUp.SetResult();

        Assert.Contains("did not answer within", error.Message);
        Assert.Contains("Engine:OpenAi:Timeout", error.Message);
    }

    [Fact]
    public void A_missing_base_url_is_refused_at_start_naming_the_setting()
    {
        using var services = Build(null);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpenAiEngineOptions>>().Value);

        Assert.Contains("Engine:OpenAi:BaseUrl", error.Message);
        Assert.Contains("--base-url", error.Message);
    }

    [Fact]
    public async Task The_provider_describes_the_engine_it_hands_out()
    {
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("ok")));
        using var services = Build(server.BaseUri, "sglang");
        var provider = services.GetRequiredService<IChatClientProvider>();

        Assert.Equal(EngineKind.OpenAi, provider.Kind);
        Assert.Equal($"openai (sglang) glm-4.6v at {server.BaseUri}v1", provider.Describe(null));
    }

    internal static ServiceProvider Build(Uri? baseUri, string provider = "vllm", Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Engine:Kind"] = "openai",
            ["Engine:OpenAi:Provider"] = provider,
            ["Engine:OpenAi:BaseUrl"] = baseUri is null ? null : baseUri + "v1",
            ["Engine:OpenAi:RetryDelay"] = "00:00:00.010",
            ["Engine:OpenAi:MaxRetries"] = "2",
            ["Engine:OpenAi:ApiKeyVariable"] = "GLM_MCP_TEST_KEY_NEVER_SET",
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddEngines(configuration).BuildServiceProvider();
    }

    internal static async Task<IChatClient> ClientAsync(ServiceProvider services) =>
        await services.GetRequiredService<IChatClientProvider>().GetAsync(null, null, CancellationToken.None);
}
