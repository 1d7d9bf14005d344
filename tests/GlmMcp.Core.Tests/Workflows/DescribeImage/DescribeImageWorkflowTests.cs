using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.DescribeImage;
using Microsoft.Extensions.AI;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Workflows.DescribeImage;

public sealed class DescribeImageWorkflowTests
{
    private static readonly AllowedRoots Roots = new([Path.GetTempPath()]);

    [Fact]
    public async Task A_bmp_is_sent_to_the_model_as_png_with_the_default_prompt_and_the_requested_switches()
    {
        var model = TestChatClient.Streaming("A red square.");
        var result = await Workflow().RunAsync(new DescribeImageRequest(Convert.ToBase64String(RedBmp(40, 30)), MaxTokens: 50, Thinking: false),
            model, "scripted", Roots, null, CancellationToken.None);

        Assert.Equal("A red square.", result.Answer);
        var image = Assert.Single(model.Requests.Single().Messages.Single().Contents.OfType<DataContent>());
        Assert.Equal("image/png", image.MediaType);
        Assert.StartsWith("Describe this image thoroughly", model.Requests.Single().Messages.Single().Text);
        Assert.Equal(50, model.Requests.Single().Options!.MaxOutputTokens);
        Assert.Equal(ReasoningEffort.None, model.Requests.Single().Options!.Reasoning!.Effort);
        Assert.Equal((40, 30), (result.Width, result.Height));
        Assert.Equal(GlmImageGrid.ImageTokens(40, 30), result.ImageTokens);
    }

    [Fact]
    public async Task Ocr_appends_the_callers_instructions_and_reports_progress_until_done()
    {
        var model = TestChatClient.Streaming("Hello", " world");
        var progress = new List<DescribeImageProgress>();

        var result = await Workflow().RunAsync(new DescribeImageRequest(Png(), "Only the title.", DescribeMode.Ocr),
            model, "scripted", Roots, new Recorder(progress), CancellationToken.None);

        Assert.Equal("Hello world", result.Answer);
        Assert.EndsWith("\nOnly the title.", model.Requests.Single().Messages.Single().Text);
        Assert.StartsWith("Transcribe all text", model.Requests.Single().Messages.Single().Text);
        Assert.Equal("loading the image", progress[0].Message);
        Assert.Equal("done", progress[^1].Message);
        Assert.Null(result.AnnotatedPng);
    }

    [Fact]
    public async Task Locate_without_a_target_or_with_an_absurd_budget_is_refused_before_asking()
    {
        var model = TestChatClient.Streaming("unused");

        var noTarget = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow().RunAsync(new DescribeImageRequest(Png(), Mode: DescribeMode.Locate), model, "s", Roots, null, CancellationToken.None));
        var budget = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow().RunAsync(new DescribeImageRequest(Png(), MaxTokens: 0), model, "s", Roots, null, CancellationToken.None));

        Assert.Contains("mode 'locate' needs 'prompt'", noTarget.Message);
        Assert.Contains("'max_tokens' must be between 1", budget.Message);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task An_answer_budget_that_leaves_no_room_for_the_image_is_refused_with_the_budget_that_fits()
    {
        var model = TestChatClient.Streaming("unused");
        var large = Convert.ToBase64String(ImageEncoder.EncodePng(RgbaImage.CreateFilled(1920, 1080, 0, 0, 0, 255)));

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Workflow().RunAsync(new DescribeImageRequest(large, MaxTokens: DescribeImageWorkflow.MaxTokensCeiling), model, "s", Roots, null, CancellationToken.None));
        var fits = await Workflow().RunAsync(new DescribeImageRequest(large, MaxTokens: 1000), TestChatClient.Streaming("ok"), "s", Roots, null,
            CancellationToken.None);

        Assert.Contains("more than GLM-4.6V's 131,072-token context. Lower 'max_tokens' to at most 128,", error.Message);
        Assert.Empty(model.Requests);
        Assert.Equal(new GlmMcp.Core.Documents.TokenEstimate(1, 2691, fits.Estimate.PromptTokens, 1000, 2691 + fits.Estimate.PromptTokens + 1000, 131072), fits.Estimate);
    }

    [Fact]
    public async Task Locate_draws_the_boxes_the_reader_found_on_a_copy_of_the_image()
    {
        var model = TestChatClient.Streaming("[[250,250,750,750]]");

        var result = await Workflow(new LocatedBox(new PixelRect(10, 8, 20, 15), false, [250, 250, 750, 750]))
            .RunAsync(new DescribeImageRequest(Png(), "the square", DescribeMode.Locate), model, "s", Roots, null, CancellationToken.None);

        Assert.Equal("Help me to locate the square in the image and give me its bounding boxes.", model.Requests.Single().Messages.Single().Text);
        using var drawn = SKBitmap.Decode(result.AnnotatedPng);
        Assert.Equal((40, 30), (drawn.Width, drawn.Height));
        Assert.NotEqual(new SKColor(255, 0, 0), drawn.GetPixel(10, 15));
        Assert.Equal(new SKColor(255, 0, 0), drawn.GetPixel(20, 15));
    }

    [Fact]
    public async Task Locate_reports_why_tuples_the_reader_rejected_were_not_taken_as_boxes()
    {
        var model = TestChatClient.Streaming("[[0,0,1e9,1e9]]");
        var workflow = DescribeWorkflows.Create(new FixedReader([], ["[[0,0,1e9,1e9]] was ignored: coordinates must be thousandths of the image, 0 to 1000"]),
            Unlaunched);

        var result = await workflow.RunAsync(new DescribeImageRequest(Png(), "the logo", DescribeMode.Locate), model, "s", Roots, null,
            CancellationToken.None);

        Assert.Empty(result.Boxes);
        Assert.Null(result.AnnotatedPng);
        Assert.Contains("0 to 1000", Assert.Single(result.RejectedBoxes));
    }

    /// <summary>Images never reach Chromium: a renderer that is never launched stands in for the one PDFs and videos use.</summary>
    private static readonly PageRenderer Unlaunched = new(new RenderingOptions(), new UrlPolicy([]));

    private static DescribeImageWorkflow Workflow(params LocatedBox[] boxes) => DescribeWorkflows.Create(new FixedReader(boxes), Unlaunched);

    private static string Png() => Convert.ToBase64String(ImageEncoder.EncodePng(RgbaImage.CreateFilled(40, 30, 255, 0, 0, 255)));

    /// <summary>A 24-bit BMP (BITMAPINFOHEADER, bottom-up rows padded to 4 bytes): a format engines do not all read.</summary>
    private static byte[] RedBmp(int width, int height)
    {
        var stride = (width * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * height];
        var span = bytes.AsSpan();
        "BM"u8.CopyTo(span);
        BitConverter.TryWriteBytes(span[2..], bytes.Length);
        BitConverter.TryWriteBytes(span[10..], 54);
        BitConverter.TryWriteBytes(span[14..], 40);
        BitConverter.TryWriteBytes(span[18..], width);
        BitConverter.TryWriteBytes(span[22..], height);
        BitConverter.TryWriteBytes(span[26..], (short)1);
        BitConverter.TryWriteBytes(span[28..], (short)24);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                bytes[54 + y * stride + x * 3 + 2] = 255;
        }
        return bytes;
    }

    internal sealed class FixedReader(IReadOnlyList<LocatedBox> boxes, IReadOnlyList<string>? rejected = null) : IModelAnswerReader
    {
        public IReadOnlyList<string> RejectedBoxes(string answer, int width, int height) => rejected ?? [];

        public string VisibleText(string answer) => answer.Trim();

        public IReadOnlyList<LocatedBox> ReadBoxes(string answer, int width, int height) => boxes;

        public ModelCode? ExtractCode(string answer) => throw new NotSupportedException("describe_image reads no code");
    }

    private sealed class Recorder(List<DescribeImageProgress> values) : IProgress<DescribeImageProgress>
    {
        public void Report(DescribeImageProgress value) => values.Add(value);
    }
}
