using System.Net;
using System.Text;
using GlmMcp.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using GlmMcp.Inference.OpenAi;

namespace GlmMcp.Inference.Tests.OpenAi;

/// <summary>Servers that stall, trickle, ask to wait for hours, answer too much or answer garbage: every one ends in a
/// clear error that names the endpoint and the setting, never in a hang.</summary>
public sealed class MisbehavingServerTests : IDisposable
{
    /// <summary>Only a guard against a hang failing the run; every case ends far sooner.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _serverStop = new();

    public void Dispose()
    {
        _serverStop.Cancel();
        _serverStop.Dispose();
    }

    [Fact]
    public async Task A_stream_that_stalls_after_its_headers_fails_after_the_idle_timeout()
    {
        await using var server = new LoopbackHttpServer(async (c, _) =>
        {
            var output = StartStream(c);
            await WriteAsync(output, "data: " + VllmReplies.ContentChunk("Half an ans") + "\n\n");
            await Task.Delay(Timeout.Infinite, _serverStop.Token);
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri, extra: new() { ["Engine:OpenAi:IdleTimeout"] = "00:00:00.500" });
        var client = await OpenAiChatClientTests.ClientAsync(services);
        var received = new StringBuilder();

        var error = await Assert.ThrowsAsync<UserInputException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("describe"))
                received.Append(update.Text);
        }).WaitAsync(HangGuard);

        Assert.Equal("Half an ans", received.ToString());
        Assert.Contains("stopped sending mid-answer", error.Message);
        Assert.Contains("Engine:OpenAi:IdleTimeout", error.Message);
        Assert.Contains(server.BaseUri + "v1", error.Message);
    }

    [Fact]
    public async Task A_plain_answer_that_stalls_after_its_headers_fails_after_the_idle_timeout()
    {
        await using var server = new LoopbackHttpServer(async (c, _) =>
        {
            c.Response.StatusCode = 200;
            c.Response.ContentType = "application/json";
            c.Response.ContentLength64 = 1000;
            await WriteAsync(c.Response.OutputStream, """{"id":"chatcmpl-test",""");
            await Task.Delay(Timeout.Infinite, _serverStop.Token);
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri, extra: new() { ["Engine:OpenAi:IdleTimeout"] = "00:00:00.500" });
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(() => client.GetResponseAsync("hi")).WaitAsync(HangGuard);

        Assert.Contains("stopped sending mid-answer", error.Message);
        Assert.Contains(server.BaseUri + "v1", error.Message);
    }

    [Fact]
    public async Task A_stream_that_trickles_forever_fails_at_the_total_deadline()
    {
        await using var server = new LoopbackHttpServer(async (c, _) =>
        {
            var output = StartStream(c);
            while (true)
            {
                await WriteAsync(output, "data: " + VllmReplies.ContentChunk("la ") + "\n\n");
                await Task.Delay(20, _serverStop.Token);
            }
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri, extra: new()
        {
            ["Engine:OpenAi:IdleTimeout"] = "00:01:00",
            ["Engine:OpenAi:TotalTimeout"] = "00:00:01",
        });
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("describe"))
            {
            }
        }).WaitAsync(HangGuard);

        Assert.Contains("did not finish within 1 s", error.Message);
        Assert.Contains("Engine:OpenAi:TotalTimeout", error.Message);
        Assert.Contains(server.BaseUri + "v1", error.Message);
    }

    [Fact]
    public async Task A_429_asking_to_retry_after_an_hour_fails_at_once_saying_how_long_it_asked()
    {
        await using var server = new LoopbackHttpServer((c, _) =>
        {
            c.Response.AddHeader("Retry-After", "3600");
            return VllmReplies.WriteJsonAsync(c, VllmReplies.Error("Too many requests", 429), 429);
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri, extra: new() { ["Engine:OpenAi:MaxRetryAfter"] = "00:00:30" });
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(() => client.GetResponseAsync("hi")).WaitAsync(HangGuard);

        Assert.Contains("asked to retry after 3600 s", error.Message);
        Assert.Contains("Engine:OpenAi:MaxRetryAfter (30 s)", error.Message);
        Assert.Contains(server.BaseUri + "v1", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_429_asking_for_a_short_wait_is_retried()
    {
        var calls = 0;
        await using var server = new LoopbackHttpServer((c, _) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
                return VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("Waited."));
            c.Response.AddHeader("Retry-After", "0");
            return VllmReplies.WriteJsonAsync(c, VllmReplies.Error("Too many requests", 429), 429);
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri);
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("Waited.", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_six_megabyte_answer_fails_clearly_instead_of_becoming_a_result_clients_drop()
    {
        var huge = new string('x', 6 * 1024 * 1024);
        await using var server = new LoopbackHttpServer((c, _) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion(huge)));
        using var services = OpenAiChatClientTests.Build(server.BaseUri);
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(() => client.GetResponseAsync("hi"));

        Assert.Contains("more than 500000 characters", error.Message);
        Assert.Contains("Engine:OpenAi:MaxAnswerChars", error.Message);
        Assert.Contains(server.BaseUri + "v1", error.Message);
        Assert.True(error.Message.Length < 1000, "the error does not echo the answer");
    }

    [Fact]
    public async Task A_streamed_answer_over_the_cap_is_cut_off_once_it_passes_the_cap()
    {
        var chunk = new string('y', 64 * 1024);
        var sent = 0;
        await using var server = new LoopbackHttpServer(async (c, _) =>
        {
            var output = StartStream(c);
            for (var i = 0; i < 100; i++)
            {
                await WriteAsync(output, "data: " + VllmReplies.ContentChunk(chunk) + "\n\n");
                Interlocked.Increment(ref sent);
            }
            await WriteAsync(output, "data: [DONE]\n\n");
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri, extra: new() { ["Engine:OpenAi:MaxAnswerChars"] = "200000" });
        var client = await OpenAiChatClientTests.ClientAsync(services);
        var received = 0;

        var error = await Assert.ThrowsAsync<UserInputException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("describe"))
                received += update.Text.Length;
        });

        Assert.Contains("more than 200000 characters", error.Message);
        Assert.True(received <= 200_000, $"the caller got {received} characters");
    }

    public static TheoryData<string, bool, string> Garbage => new()
    {
        { "malformed JSON", false, "{\"id\": \"chatcmpl-test\", \"choices\": [" },
        { "an empty 200", false, "" },
        { "malformed JSON", true, "data: {\"id\": oops}\n\n" },
        { "an empty data line", true, "data: \n\ndata: [DONE]\n\n" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task A_reply_that_is_not_a_chat_completion_gives_a_clear_error_naming_the_endpoint(string what, bool stream, string body)
    {
        await using var server = new LoopbackHttpServer(async (c, _) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            c.Response.StatusCode = 200;
            c.Response.ContentType = stream ? "text/event-stream" : "application/json";
            c.Response.ContentLength64 = bytes.Length;
            await c.Response.OutputStream.WriteAsync(bytes);
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri);
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(async () =>
        {
            if (!stream)
            {
                await client.GetResponseAsync("hi");
                return;
            }
            await foreach (var _ in client.GetStreamingResponseAsync("hi"))
            {
            }
        });

        Assert.True(error.Message.Contains("not a valid chat completion", StringComparison.Ordinal), $"{what}: {error.Message}");
        Assert.Contains(server.BaseUri + "v1", error.Message);
    }

    [Fact]
    public async Task An_empty_stream_gives_a_clear_error_naming_the_endpoint()
    {
        await using var server = new LoopbackHttpServer((c, _) =>
        {
            StartStream(c);
            return Task.CompletedTask;
        });
        using var services = OpenAiChatClientTests.Build(server.BaseUri);
        var client = await OpenAiChatClientTests.ClientAsync(services);

        var error = await Assert.ThrowsAsync<UserInputException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hi"))
            {
            }
        });

        Assert.Contains("without sending any answer", error.Message);
        Assert.Contains(server.BaseUri + "v1", error.Message);
    }

    [Theory]
    [InlineData("Engine:OpenAi:IdleTimeout", "00:00:00")]
    [InlineData("Engine:OpenAi:TotalTimeout", "-00:00:01")]
    [InlineData("Engine:OpenAi:MaxRetryAfter", "-00:00:01")]
    [InlineData("Engine:OpenAi:MaxAnswerChars", "10")]
    public void A_bad_limit_is_refused_at_start_naming_the_setting(string setting, string value)
    {
        using var services = OpenAiChatClientTests.Build(new Uri("http://127.0.0.1:9/"), extra: new() { [setting] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OpenAiEngineOptions>>().Value);

        Assert.Contains(setting, error.Message);
    }

    private static Stream StartStream(HttpListenerContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.SendChunked = true;
        return context.Response.OutputStream;
    }

    private static async Task WriteAsync(Stream output, string text)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(text));
        await output.FlushAsync();
    }
}
