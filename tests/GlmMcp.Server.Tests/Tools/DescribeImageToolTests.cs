using System.Collections.Concurrent;
using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkiaSharp;

namespace GlmMcp.Server.Tests.Tools;

public sealed class DescribeImageToolTests
{
    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Describe_image_over_stdio_sends_the_image_to_the_openai_engine_and_returns_the_answer_its_cost_and_the_engine()
    {
        await using var vllm = new LoopbackHttpServer((c, r) =>
            VllmReplies.WriteStreamAsync(c, ["The user wants", " a description."], ["A blue ", "rectangle on white."]));
        await using var server = await StdioServer.StartAsync([.. OpenAiArgs(vllm), "--prelaunch", "false"]);
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(1280, 720, 0, 0, 255, 255));
        server.WorkingDirectory.Write("shot.png", png);
        var progress = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = "shot.png", ["thinking"] = false, ["max_tokens"] = 300 },
            new SynchronousProgress(progress));

        Assert.NotEqual(true, result.IsError);
        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.Equal("A blue rectangle on white.", texts[0]);
        Assert.Contains("1280x720, 1196 image tokens", texts[1]);
        Assert.Contains($"openai (vllm) glm-4.6v at {vllm.BaseUri}v1", texts[1]);
        Assert.DoesNotContain("The user wants", string.Join("\n", texts));
        var request = Assert.Single(vllm.Requests).Json;
        var image = request.GetProperty("messages")[0].GetProperty("content").EnumerateArray()
            .Single(p => p.GetProperty("type").GetString() == "image_url").GetProperty("image_url").GetProperty("url").GetString();
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), image);
        Assert.False(request.GetProperty("chat_template_kwargs").GetProperty("enable_thinking").GetBoolean());
        Assert.Equal(300, request.GetProperty("max_completion_tokens").GetInt32());
        Assert.NotEmpty(progress);
        var structured = result.StructuredContent!.Value;
        Assert.Equal(1196, structured.GetProperty("image").GetProperty("tokens").GetInt32());
    }

    [Fact]
    public async Task Locate_returns_the_models_boxes_in_pixels_and_the_image_with_them_drawn()
    {
        await using var vllm = new LoopbackHttpServer((c, r) =>
            VllmReplies.WriteStreamAsync(c, [], ["<|begin_of_box|>[[100,200,", "300,400]]<|end_of_box|>"]));
        await using var server = await InProcessServer.StartAsync(OpenAiArgs(vllm));
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(1280, 720, 255, 255, 255, 255));

        var result = await server.Client.CallToolAsync("describe_image", new Dictionary<string, object?>
        {
            ["image"] = "data:image/png;base64," + Convert.ToBase64String(png),
            ["mode"] = "locate",
            ["prompt"] = "the Save button",
        });

        Assert.NotEqual(true, result.IsError);
        var prompt = Assert.Single(vllm.Requests).Json.GetProperty("messages")[0].GetProperty("content").EnumerateArray()
            .Single(p => p.GetProperty("type").GetString() == "text").GetProperty("text").GetString();
        Assert.Equal("Help me to locate the Save button in the image and give me its bounding boxes.", prompt);
        Assert.Contains("1: 128, 144, 256, 144", result.Content.OfType<TextContentBlock>().ElementAt(1).Text);
        var box = result.StructuredContent!.Value.GetProperty("boxes")[0];
        Assert.Equal((128, 144, 256, 144), (box.GetProperty("x").GetInt32(), box.GetProperty("y").GetInt32(),
            box.GetProperty("width").GetInt32(), box.GetProperty("height").GetInt32()));
        var drawn = Assert.Single(result.Content.OfType<ImageContentBlock>());
        Assert.Equal("image/png", drawn.MimeType);
        using var bitmap = SKBitmap.Decode(drawn.DecodedData.ToArray());
        Assert.Equal((1280, 720), (bitmap.Width, bitmap.Height));
        var onEdge = bitmap.GetPixel(128, 216);
        Assert.True(onEdge.Green < 100, $"the box's left edge is drawn in colour, got {onEdge}");
        Assert.Equal(SKColors.White, bitmap.GetPixel(640, 600));
    }

    [Fact]
    public async Task An_engine_error_reaches_the_client_as_a_tool_error_with_the_servers_message()
    {
        await using var vllm = new LoopbackHttpServer((c, _) =>
            VllmReplies.WriteJsonAsync(c, VllmReplies.Error("The image is too large for this deployment.", 400), 400));
        await using var server = await InProcessServer.StartAsync(OpenAiArgs(vllm));
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(64, 64, 0, 0, 0, 255));

        var result = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(png) });

        Assert.True(result.IsError);
        Assert.Contains("The image is too large for this deployment.", Assert.Single(result.Content.OfType<TextContentBlock>()).Text);
    }

    [Fact]
    public async Task The_sampling_engine_asks_the_clients_own_model_with_the_image()
    {
        var clientModel = TestChatClient.Answering(_ => "A tiny black square.");
        // The sampling engine exists for clients that still serve sampling (deprecated from spec 2026-07-28 on).
#pragma warning disable MCP9005
        var options = new McpClientOptions { Handlers = new McpClientHandlers { SamplingHandler = clientModel.CreateSamplingHandler() } };
#pragma warning restore MCP9005
        await using var server = await InProcessServer.StartAsync(["--engine", "sampling"], clientOptions: options);
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(64, 64, 0, 0, 0, 255));

        var result = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(png), ["prompt"] = "What is it?" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("A tiny black square.", result.Content.OfType<TextContentBlock>().First().Text);
        Assert.Contains("sampling", result.Content.OfType<TextContentBlock>().ElementAt(1).Text);
        var asked = Assert.Single(Assert.Single(clientModel.Requests).Messages);
        Assert.Contains(asked.Contents, c => c is DataContent { MediaType: "image/png" });
        Assert.Contains("What is it?", asked.Text);
    }

    [Fact]
    public async Task The_sampling_engine_with_a_client_that_cannot_sample_says_so()
    {
        await using var server = await InProcessServer.StartAsync(["--engine", "sampling"]);
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(64, 64, 0, 0, 0, 255));

        var result = await server.Client.CallToolAsync("describe_image", new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(png) });

        Assert.True(result.IsError);
        Assert.Contains("does not declare the sampling capability", Assert.Single(result.Content.OfType<TextContentBlock>()).Text);
    }

    [Fact]
    public async Task The_local_engine_without_a_downloaded_model_names_the_pull_command_instead_of_hanging()
    {
        using var cache = new TempFolder();
        await using var server = await InProcessServer.StartAsync(["--cache-dir", cache.Path]);
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(64, 64, 0, 0, 0, 255));

        var result = await server.Client.CallToolAsync("describe_image", new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(png) });

        Assert.True(result.IsError);
        Assert.Contains("glm-mcp pull glm-4.6v-flash", Assert.Single(result.Content.OfType<TextContentBlock>()).Text);
    }

    private static string[] OpenAiArgs(LoopbackHttpServer vllm) =>
        ["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"];

    private sealed class SynchronousProgress(ConcurrentQueue<ProgressNotificationValue> values) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => values.Enqueue(value);
    }
}
