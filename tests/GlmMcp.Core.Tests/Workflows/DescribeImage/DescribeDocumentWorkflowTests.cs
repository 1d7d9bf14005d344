using System.Globalization;
using System.Text.RegularExpressions;
using GlmMcp.Core.Documents;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Tests.Documents;
using GlmMcp.Core.Workflows.DescribeImage;
using Microsoft.Extensions.AI;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Workflows.DescribeImage;

/// <summary>
/// describe_image on PDFs and videos that Chromium made in the test (print-to-PDF, MediaRecorder), drawn and sampled by
/// the server's own Chromium, asked of the scripted engine: what the engine receives, in what order, with what labels.
/// </summary>
public sealed class DescribeDocumentWorkflowTests(DocumentMediaFixture fixture) : IClassFixture<DocumentMediaFixture>
{
    private static readonly AllowedRoots Roots = new([Path.GetTempPath()]);

    private DescribeImageWorkflow Workflow(DocumentOptions? documents = null, ImagingOptions? imaging = null, params LocatedBox[] boxes) =>
        DescribeWorkflows.Create(new DescribeImageWorkflowTests.FixedReader(boxes), fixture.Renderer, documents, imaging);

    private Task<DescribeImageResult> RunAsync(DescribeImageWorkflow workflow, DescribeImageRequest request, TestChatClient model) =>
        workflow.RunAsync(request, model, "scripted", Roots, null, CancellationToken.None);

    private async Task<string> PdfAsync(params string[] pages) => Convert.ToBase64String(await fixture.Media.PdfAsync(pages));

    [Fact]
    public async Task Describe_sends_the_selected_pages_in_one_request_each_after_its_page_number_and_asks_for_page_citations()
    {
        var pdf = await PdfAsync(TestMedia.Page("Revenue"), TestMedia.Page("Costs"), TestMedia.Page("Outlook"));
        var model = TestChatClient.Streaming("Costs rose (page 2).");

        var result = await RunAsync(Workflow(), new DescribeImageRequest(pdf, "What changed?", Pages: "2,1", MaxTokens: 500), model);

        var contents = model.Requests.Single().Messages.Single().Contents;
        Assert.Equal(["text", "text", "image", "text", "image", "text"], contents.Select(c => c is DataContent ? "image" : "text"));
        Assert.Equal("The images below are 2 pages of a PDF of 3 pages, each after its page number.", ((TextContent)contents[0]).Text);
        Assert.Equal("Page 2:", ((TextContent)contents[1]).Text);
        Assert.Equal("Page 1:", ((TextContent)contents[3]).Text);
        Assert.Equal("What changed?\nCite the pages you draw on, as (page 3).", ((TextContent)contents[5]).Text);
        Assert.All(contents.OfType<DataContent>(), d => Assert.Equal("image/jpeg", d.MediaType));
        Assert.Equal("Costs rose (page 2).", result.Answer);
        Assert.Equal(MediaKind.Pdf, result.Kind);
        Assert.Equal(3, result.PageCount);
        Assert.Equal([2, 1], result.Parts.Select(p => p.Image.Page!.Value));
        // A4 at the default 1280-pixel long side, on the 28-pixel grid.
        Assert.All(result.Parts, p => Assert.Equal((896, 1260), (p.Image.Width, p.Image.Height)));
        Assert.Equal(2 * GlmImageGrid.ImageTokens(896, 1260), result.Estimate.ImageTokens);
        Assert.Equal(1, result.Estimate.Requests);
        Assert.Equal(500, result.Estimate.AnswerTokens);
        Assert.True(result.Estimate.LargestRequestTokens <= TokenBudget.ContextTokens);
    }

    [Fact]
    public async Task Ocr_asks_about_each_page_alone_and_answers_under_a_heading_per_page()
    {
        var pdf = await PdfAsync(TestMedia.Page("One"), TestMedia.Page("Two"));
        var model = new TestChatClient("first page text", "second page text");

        var result = await RunAsync(Workflow(), new DescribeImageRequest(pdf, Mode: DescribeMode.Ocr), model);

        Assert.Equal(2, model.Requests.Count);
        Assert.All(model.Requests, r => Assert.Single(r.Messages.Single().Contents.OfType<DataContent>()));
        Assert.Equal("## Page 1\n\nfirst page text\n\n## Page 2\n\nsecond page text", result.Answer);
        Assert.Equal(["first page text", "second page text"], result.Parts.Select(p => p.Answer));
        Assert.Equal(2, result.Estimate.Requests);
    }

    [Fact]
    public async Task Locate_returns_boxes_and_an_annotated_picture_for_each_page()
    {
        var pdf = await PdfAsync(TestMedia.Page("Total"), TestMedia.Page("Total again"));
        var box = new LocatedBox(new PixelRect(40, 50, 200, 60), false, [45, 40, 268, 88]);
        var model = new TestChatClient("[[45,40,268,88]]", "[[45,40,268,88]]");

        var result = await RunAsync(Workflow(boxes: box), new DescribeImageRequest(pdf, "the word Total", DescribeMode.Locate), model);

        Assert.Equal(2, result.Parts.Count);
        Assert.All(result.Parts, p => Assert.Equal(box, Assert.Single(p.Boxes)));
        Assert.All(result.Parts, p =>
        {
            using var drawn = SKBitmap.Decode(p.AnnotatedPng);
            Assert.Equal((p.Image.Width, p.Image.Height), (drawn.Width, drawn.Height));
        });
        Assert.All(model.Requests, r => Assert.StartsWith("Help me to locate the word Total", r.Messages.Single().Text));
    }

    [Fact]
    public async Task Pages_that_cannot_fit_the_context_beside_the_answer_budget_are_refused_before_the_engine_is_asked()
    {
        var pdf = await PdfAsync(TestMedia.Page("A"), TestMedia.Page("B"), TestMedia.Page("C"));
        var model = TestChatClient.Streaming("unused");

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(), new DescribeImageRequest(pdf, MaxTokens: 130_500), model));

        Assert.Contains("3 pages at the smallest readable size (256 tokens each, Documents:MinTokensPerImage)", error.Message);
        Assert.Contains("lower 'max_tokens'", error.Message);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task Many_pages_shrink_to_share_the_context_instead_of_overflowing_it()
    {
        var pdf = await PdfAsync([.. Enumerable.Range(1, 90).Select(i => TestMedia.Page($"Page {i}"))]);
        var model = TestChatClient.Streaming("ok");

        var result = await RunAsync(Workflow(), new DescribeImageRequest(pdf, MaxTokens: 4096), model);

        Assert.Equal(90, model.Requests.Single().Messages.Single().Contents.OfType<DataContent>().Count());
        Assert.True(result.Estimate.LargestRequestTokens <= TokenBudget.ContextTokens, $"{result.Estimate}");
        Assert.True(result.Parts[0].Image.Width < 896, "pages are drawn smaller than the default to fit");
        Assert.True(result.Estimate.LargestRequestTokens > TokenBudget.ContextTokens * 0.8, "the pages use most of the context");
    }

    [Fact]
    public async Task An_input_over_the_byte_limit_is_refused_naming_the_setting()
    {
        var pdf = await PdfAsync(TestMedia.Page("Big"));

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(imaging: new ImagingOptions { MaxInputBytes = 1000 }), new DescribeImageRequest(pdf), TestChatClient.Streaming("unused")));

        Assert.Contains("Imaging:MaxInputBytes", error.Message);
    }

    [Fact]
    public async Task Video_arguments_on_a_pdf_and_pages_on_a_video_are_refused_by_name()
    {
        var pdf = await PdfAsync(TestMedia.Page("A"));
        var video = Convert.ToBase64String(await fixture.Media.VideoAsync(1));

        var onPdf = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(), new DescribeImageRequest(pdf, Fps: 1, Start: 2), TestChatClient.Streaming("unused")));
        var onVideo = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(), new DescribeImageRequest(video, Pages: "1"), TestChatClient.Streaming("unused")));

        Assert.Equal("'fps', 'start' apply to videos, but 'image' is a PDF. Use 'pages' for a part of a PDF.", onPdf.Message);
        Assert.StartsWith("'pages' selects pages of a PDF, but 'image' is a video.", onVideo.Message);
    }

    [Fact]
    public async Task Frames_of_a_recorded_webm_are_sent_in_time_order_each_after_its_time_and_show_that_moment()
    {
        var video = Convert.ToBase64String(await fixture.Media.VideoAsync(3.4));
        var model = TestChatClient.Streaming("The colour turns at 00:01.");

        var result = await RunAsync(Workflow(), new DescribeImageRequest(video, "When does it turn green?", Fps: 1), model);

        var contents = model.Requests.Single().Messages.Single().Contents;
        Assert.Equal(1 + 4 * 2 + 1, contents.Count);
        Assert.StartsWith("The images below are 4 frames of a video 00:03", ((TextContent)contents[0]).Text);
        Assert.Equal(["Frame at 00:00:", "Frame at 00:01:", "Frame at 00:02:", "Frame at 00:03:"],
            contents.OfType<TextContent>().Skip(1).Take(4).Select(t => t.Text));
        Assert.Equal(["text", "text", "image", "text", "image", "text", "image", "text", "image", "text"], contents.Select(c => c is DataContent ? "image" : "text"));
        Assert.EndsWith("Cite the times you draw on, as (02:31).", ((TextContent)contents[^1]).Text);
        Assert.Equal(MediaKind.Video, result.Kind);
        Assert.InRange(result.DurationSeconds!.Value, 3.0, 3.6);
        Assert.Equal([0d, 1d, 2d, 3d], result.Parts.Select(p => p.Image.Seconds!.Value));
        // The recording's hue turns 90° a second: red at 0 s, yellow-green at 1 s, cyan at 2 s, violet at 3 s.
        var colours = result.Parts.Select(p => TestMedia.CornerColour(p.Image.Data)).ToList();
        Assert.True(colours[0].Red > colours[0].Blue + 60, $"0 s is red: {colours[0]}");
        Assert.True(colours[1].Green > colours[1].Blue + 60, $"1 s is yellow-green: {colours[1]}");
        Assert.True(colours[2].Blue > colours[2].Red + 60, $"2 s is cyan: {colours[2]}");
        Assert.True(colours[3].Blue > colours[3].Green + 60, $"3 s is violet: {colours[3]}");
    }

    [Fact]
    public async Task An_h264_mp4_is_sampled_like_a_webm_by_this_chromium_which_decodes_h264()
    {
        var mp4 = await fixture.Media.VideoAsync(2.4, mimeType: "video/mp4;codecs=avc1");
        Assert.Equal("video/mp4", MediaSniffer.VideoType(mp4));
        var model = TestChatClient.Streaming("Red, then green.");

        var result = await RunAsync(Workflow(), new DescribeImageRequest(Convert.ToBase64String(mp4), MaxFrames: 2), model);

        Assert.Equal(2, model.Requests.Single().Messages.Single().Contents.OfType<DataContent>().Count());
        Assert.Equal(2, result.Parts.Count);
        Assert.True(result.Parts[0].Image.Seconds < result.Parts[1].Image.Seconds);
        Assert.True(TestMedia.CornerColour(result.Parts[0].Image.Data).Red > 150, "the first frame, near the start, is red");
    }

    [Fact]
    public async Task Too_many_frames_are_refused_naming_the_frame_limit_and_a_range_outside_the_video_naming_its_length()
    {
        var video = Convert.ToBase64String(await fixture.Media.VideoAsync(2.2));
        var model = TestChatClient.Streaming("unused");

        var tooMany = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(new DocumentOptions { MaxFrames = 16 }), new DescribeImageRequest(video, Fps: 10), model));
        var outside = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(), new DescribeImageRequest(video, Start: 30), model));
        var thinned = await RunAsync(Workflow(new DocumentOptions { MaxFrames = 16 }), new DescribeImageRequest(video, Fps: 10, MaxFrames: 4), model);

        // The video is recorded in real time, so a loaded machine may drop its last frames: 2.2 s is 22 frames at
        // 10 fps, 2.07 s is 21. The message names the length it measured, and the counts follow from that.
        var counted = Regex.Match(tooMany.Message, @"^'fps' 10 over ([0-9.]+) s is ([0-9]+) frames; one call sends at most 16 \(Documents:MaxFrames\)\.");
        Assert.True(counted.Success, tooMany.Message);
        var seconds = double.Parse(counted.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1.8, 2.3);
        var frames = (int)Math.Ceiling(seconds * 10 - 1e-9);
        Assert.Equal(frames, int.Parse(counted.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.StartsWith($"'start' is 30 s, but the video lasts {counted.Groups[1].Value} s", outside.Message);
        // Thinned evenly: every (frames / 4)th of the 10-a-second times, from the first.
        Assert.Equal(Enumerable.Range(0, 4).Select(i => i * frames / 4 / 10.0), thinned.Parts.Select(p => Math.Round(p.Image.Seconds!.Value, 1)));
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task A_video_this_chromium_cannot_decode_is_a_clear_error()
    {
        byte[] mp4 = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8, .. Enumerable.Repeat((byte)0x5A, 4000)];

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            RunAsync(Workflow(new DocumentOptions { FrameSource = FrameSource.Chromium }), new DescribeImageRequest(Convert.ToBase64String(mp4)),
                TestChatClient.Streaming("unused")));

        Assert.StartsWith("This Chromium cannot decode the video", error.Message);
        Assert.Contains("ffmpeg -i", error.Message);
    }
}
