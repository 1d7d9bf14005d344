using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// describe_image on PDFs and videos through the MCP server, with the openai engine's HTTP requests recorded: the
/// pages and frames arrive as images after their page numbers and times, and hostile PDFs are tool errors that leave
/// the server serving.
/// </summary>
public sealed class DescribeDocumentToolTests : IAsyncLifetime
{
    private TestMedia _media = null!;

    public async Task InitializeAsync() => _media = await TestMedia.StartAsync();

    public async Task DisposeAsync() => await _media.DisposeAsync();

    private static string[] OpenAiArgs(LoopbackHttpServer vllm) =>
        ["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"];

    /// <summary>The request's content parts in order: "text: …" or "image: media type".</summary>
    private static List<string> Parts(RecordedRequest request) =>
        [.. request.Json.GetProperty("messages")[0].GetProperty("content").EnumerateArray().Select(p => p.GetProperty("type").GetString() == "text"
            ? "text: " + p.GetProperty("text").GetString()
            : "image: " + p.GetProperty("image_url").GetProperty("url").GetString()![..p.GetProperty("image_url").GetProperty("url").GetString()!.IndexOf(';')])];

    [Fact]
    public async Task A_pdf_goes_to_the_openai_engine_as_its_selected_pages_after_their_numbers_and_the_cost_is_reported()
    {
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteStreamAsync(c, [], ["Totals differ (page 3)."]));
        await using var server = await InProcessServer.StartAsync(OpenAiArgs(vllm));
        var pdf = await _media.PdfAsync(TestMedia.Page("Q1"), TestMedia.Page("Q2"), TestMedia.Page("Q3"));

        var result = await server.Client.CallToolAsync("describe_image", new Dictionary<string, object?>
        {
            ["image"] = Convert.ToBase64String(pdf), ["pages"] = "3,1", ["prompt"] = "Compare the totals.", ["max_tokens"] = 1000,
        });

        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.True(result.IsError != true, string.Join("\n", texts));
        Assert.Equal("Totals differ (page 3).", texts[0]);
        Assert.Contains("pdf: 2 of 3 pages (3, 1), 896x1260 px, 1,440 image tokens each (GLM-4.6V grid)", texts[1]);
        Assert.Contains("estimated cost: 1 request, 2,880 image + ", texts[1]);
        Assert.Equal(
        [
            "text: The images below are 2 pages of a PDF of 3 pages, each after its page number.",
            "text: Page 3:", "image: data:image/jpeg", "text: Page 1:", "image: data:image/jpeg",
            "text: Compare the totals.\nCite the pages you draw on, as (page 3).",
        ], Parts(Assert.Single(vllm.Requests)));
        var structured = result.StructuredContent!.Value;
        Assert.Equal("pdf", structured.GetProperty("input").GetString());
        Assert.Equal(3, structured.GetProperty("pageCount").GetInt32());
        Assert.Equal([3, 1], structured.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("page").GetInt32()));
        Assert.Equal(2880, structured.GetProperty("cost").GetProperty("imageTokens").GetInt32());
        Assert.False(structured.TryGetProperty("image", out _));
    }

    [Fact]
    public async Task Hostile_pdfs_are_tool_errors_that_say_what_is_wrong_and_the_server_keeps_serving()
    {
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteStreamAsync(c, [], ["Fine."]));
        await using var server = await InProcessServer.StartAsync(OpenAiArgs(vllm));
        var garbage = "%PDF-1.4\n"u8.ToArray().Concat(Enumerable.Repeat((byte)0xEE, 3000)).ToArray();
        var many = await _media.PdfAsync([.. Enumerable.Range(1, 101).Select(i => TestMedia.Page($"{i}"))]);

        async Task<string> ErrorAsync(byte[] pdf, string? pages = null)
        {
            var result = await server.Client.CallToolAsync("describe_image",
                new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(pdf), ["pages"] = pages });
            Assert.True(result.IsError);
            return Assert.Single(result.Content.OfType<TextContentBlock>()).Text;
        }

        Assert.Contains("pdf.js cannot read it", await ErrorAsync(garbage));
        Assert.Contains("encrypted with a password", await ErrorAsync(TestMedia.EncryptedPdf()));
        Assert.Contains("The PDF has 101 pages; one call reads at most 100 (Documents:MaxPages)", await ErrorAsync(many));
        Assert.Contains("write page numbers from 1 and ranges", await ErrorAsync(many, "first"));
        Assert.Empty(vllm.Requests);

        var fine = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(many), ["pages"] = "100-101" });
        Assert.True(fine.IsError != true);
        Assert.Equal("Fine.", fine.Content.OfType<TextContentBlock>().First().Text);
    }

    [Fact]
    public async Task A_webm_goes_to_the_openai_engine_as_frames_after_their_times_and_the_result_lists_them()
    {
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteStreamAsync(c, [], ["It turns green at 00:01."]));
        await using var server = await InProcessServer.StartAsync(OpenAiArgs(vllm));
        var webm = await _media.VideoAsync(2.5);

        var result = await server.Client.CallToolAsync("describe_image", new Dictionary<string, object?>
        {
            ["image"] = "data:video/webm;base64," + Convert.ToBase64String(webm), ["prompt"] = "When does it turn green?", ["fps"] = 2, ["start"] = 0.5, ["end"] = 2,
        });

        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.True(result.IsError != true, string.Join("\n", texts));
        Assert.Matches(@"video: 00:02(\.\d)? long, 3 frames at 00:00.5, 00:01, 00:01.5, ", texts[1]);
        var parts = Parts(Assert.Single(vllm.Requests));
        Assert.StartsWith("text: The images below are 3 frames of a video 00:02", parts[0]);
        Assert.Equal(["text: Frame at 00:00.5:", "image: data:image/jpeg", "text: Frame at 00:01:", "image: data:image/jpeg",
            "text: Frame at 00:01.5:", "image: data:image/jpeg"], parts[1..^1]);
        var frames = result.StructuredContent!.Value.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal([0.5, 1, 1.5], frames.Select(f => f.GetProperty("seconds").GetDouble()));
        Assert.Equal(["00:00.5", "00:01", "00:01.5"], frames.Select(f => f.GetProperty("time").GetString()));
        Assert.Equal("video", result.StructuredContent!.Value.GetProperty("input").GetString());
        // The machine has ffmpeg (the tests install it), so the default source takes the frames with it.
        Assert.Equal("ffmpeg", result.StructuredContent!.Value.GetProperty("frameSource").GetString());
        Assert.Contains("(GLM-4.6V grid), taken by ffmpeg\n", texts[1]);
    }
}
