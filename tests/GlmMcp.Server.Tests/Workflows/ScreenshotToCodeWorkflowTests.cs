using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using Microsoft.Extensions.AI;

namespace GlmMcp.Server.Tests.Workflows;

public sealed class ScreenshotToCodeWorkflowTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private const int Width = 640;
    private const int Height = 400;

    private const string Target = """
        <!DOCTYPE html><html><head><style>
        body{margin:0;background:#fff}
        .bar{height:60px;background:#1f3a93}
        .box{position:absolute;left:60px;top:120px;width:200px;height:160px;background:#e8553d}
        </style></head><body><div class="bar"></div><div class="box"></div></body></html>
        """;

    /// <summary>The bar in the wrong colour and the box on the wrong side.</summary>
    private static readonly string WrongColourAndPlace = Target.Replace("#1f3a93", "#2d8a4e").Replace("left:60px", "left:380px");

    private static string Fenced(string html) => $"Here is the page.\n```html\n{html}\n```";

    private async Task<ScreenshotToCodeRequest> RequestAsync(int rounds = 3, double targetScore = 95, string? output = null)
    {
        var (target, _) = await services.RenderAsync(Target, Width, Height);
        return new ScreenshotToCodeRequest(target, null, PageStacks.Html, Width, Height, 1, rounds, targetScore, output, null);
    }

    private ScreenshotToCodeWorkflow Workflow => services.Get<ScreenshotToCodeWorkflow>();

    [Fact]
    public async Task A_wrong_first_answer_is_refined_with_the_target_render_diff_and_regions_and_the_corrected_page_wins()
    {
        var output = services.Folder.File("page.html");
        var request = await RequestAsync(output: output);
        var chat = new TestChatClient(Fenced(WrongColourAndPlace), Fenced(Target));
        var progress = new List<WorkflowProgress>();

        var result = await Workflow.RunAsync(request, chat, new SynchronousProgress(progress.Add), default);

        Assert.Equal(2, result.Rounds.Count);
        Assert.True(result.Rounds[1].Score!.Total > result.Rounds[0].Score!.Total, $"{result.Rounds[0].Score} → {result.Rounds[1].Score}");
        Assert.Equal(100, result.Rounds[1].Score!.Total);
        Assert.Equal(2, result.BestRound);
        Assert.Equal(Target, result.Code);
        Assert.Equal(Target, await File.ReadAllTextAsync(output));

        var second = chat.Requests[1].Messages;
        var opening = second.First(m => m.Role == ChatRole.User);
        Assert.Equal(ImageEncoder.EncodePng(request.Target), Assert.Single(opening.Contents.OfType<DataContent>()).Data.ToArray());
        Assert.Contains(WrongColourAndPlace, second.Single(m => m.Role == ChatRole.Assistant).Text);
        var feedback = second[^1];
        var images = feedback.Contents.OfType<DataContent>().Select(d => services.Get<ImageDecoder>().Decode(d.Data.Span, "sent")).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal((Width, Height), (i.Width, i.Height)));
        var diffOfRender = services.Get<VisualDiffer>().Diff(request.Target, images[0], new VisualDiffOptions { DiffImage = DiffImageKind.None });
        Assert.False(diffOfRender.Identical);
        Assert.Contains("What differs where", feedback.Text);
        Assert.Matches(@"1\. [a-z/ -]+ at x=\d+ y=\d+ width=\d+ height=\d+: ", feedback.Text);

        Assert.Contains(progress, p => p.Phase == "refine" && p.Round == 2);
        Assert.Contains(progress, p => p.Phase == "render");
        Assert.Contains(progress, p => p.Phase == "compare");
        var version = await services.Sessions.GetVersionAsync(result.SessionId!, result.Version!.Value, default);
        Assert.Equal(100, version.Score);
        Assert.Equal(Target, await services.Sessions.ReadCodeAsync(result.SessionId!, 1, default));
        Assert.Equal(result.RenderPng, await services.Sessions.ReadRenderAsync(result.SessionId!, 1, default));
    }

    [Fact]
    public async Task The_best_round_is_returned_not_the_last()
    {
        var request = await RequestAsync(rounds: 2, targetScore: 100);
        // Visibly off in one colour (ΔE00 well over 1), so below the target, yet far closer than the black page.
        var nearlyRight = Target.Replace("#1f3a93", "#3355cc");
        var chat = new TestChatClient(Fenced(nearlyRight), Fenced("<!DOCTYPE html><html><body style=\"background:#000\"></body></html>"));

        var result = await Workflow.RunAsync(request, chat, null, default);

        Assert.Equal(1, result.BestRound);
        Assert.Equal(nearlyRight, result.Code);
        Assert.True(result.Rounds[1].Score!.Total < result.Rounds[0].Score!.Total);
    }

    [Fact]
    public async Task Answers_without_code_end_in_a_clear_no_code_result()
    {
        var request = await RequestAsync(rounds: 2);
        var chat = new TestChatClient("I am sorry, I cannot see any image.", "<think>hmm</think>Still nothing to show.");

        var result = await Workflow.RunAsync(request, chat, null, default);

        Assert.Null(result.Code);
        Assert.Null(result.SessionId);
        Assert.StartsWith("No code produced", result.NoCodeReason);
        Assert.Contains("Still nothing to show", result.NoCodeReason);
        Assert.All(result.Rounds, r => Assert.Equal("no code in the answer", r.Note));
    }

    [Fact]
    public async Task Cancelling_during_a_later_round_returns_the_best_so_far()
    {
        var request = await RequestAsync();
        using var cancel = new CancellationTokenSource();
        var chat = new TestChatClient(Fenced(WrongColourAndPlace)).Then(async ct =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        });

        var result = await Workflow.RunAsync(request, chat, null, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(WrongColourAndPlace, result.Code);
        Assert.Equal(1, result.BestRound);
        Assert.NotNull(result.SessionId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Max_rounds_out_of_range_is_a_user_error(int rounds)
    {
        var request = await RequestAsync(rounds: rounds);

        var error = await Assert.ThrowsAsync<UserInputException>(() => Workflow.RunAsync(request, new TestChatClient(), null, default));
        Assert.Contains("'max_rounds' must be between 1 and 10", error.Message);
    }

    [Fact]
    public async Task A_tailwind_page_renders_offline_with_the_shipped_tailwind_build()
    {
        var (target, _) = await services.RenderAsync("<html><body style=\"margin:0\"><div style=\"width:160px;height:80px;background:#ef4444\"></div></body></html>", 320, 200);
        var request = new ScreenshotToCodeRequest(target, null, PageStacks.Tailwind, 320, 200, 1, 1, 95, null, null);
        var chat = new TestChatClient(Fenced("<!DOCTYPE html><html><head><script src=\"https://cdn.tailwindcss.com\"></script></head><body class=\"m-0\"><div class=\"w-40 h-20 bg-[#ef4444]\"></div></body></html>"));

        var result = await Workflow.RunAsync(request, chat, null, default);

        Assert.Equal(100, result.Score!.Total);
        Assert.Contains("cdn.tailwindcss.com", result.Code);
    }

    private sealed class SynchronousProgress(Action<WorkflowProgress> report) : IProgress<WorkflowProgress>
    {
        public void Report(WorkflowProgress value) => report(value);
    }
}
