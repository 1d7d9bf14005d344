using System.Text.Json;
using System.Text.RegularExpressions;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.Eval;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Testing.Fidelity;
using Json.Schema;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// glm-mcp eval's runner on real Chromium with the server's real workflow, over a corpus folder written from the fidelity
/// corpus; the engine is scripted: its first answer for each page is the page with a visible mistake, its second the page.
/// </summary>
public sealed partial class EvalRunnerTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private static readonly string[] PageNames = ["landing", "pricing"];

    /// <summary>The page with one element in another colour (the fidelity corpus's mutation generator, inline): a mistake anyone sees.</summary>
    private static string Mutated(FidelityPage page) => MutationGenerator.MutatedHtml(page, MutationKind.Color, 7);

    private static string Fenced(string html) => $"Here is the page.\n```html\n{html}\n```";

    /// <summary>Writes the pages as NAME.html with their screenshots NAME.png, as `glm-mcp-bench judge --write-corpus` does.</summary>
    private async Task<List<FidelityPage>> WriteCorpusAsync(TempFolder corpus)
    {
        var pages = FidelityCorpus.Pages.Where(p => PageNames.Contains(p.Name)).ToList();
        foreach (var page in pages)
        {
            corpus.Write(page.Name + ".html", page.Html);
            corpus.Write(page.Name + ".png", (await services.RenderAsync(page.Html, page.Width, page.Height)).Png);
        }
        return pages;
    }

    private static TestChatClient MistakeThenFix(IEnumerable<FidelityPage> pages)
    {
        var chat = new TestChatClient();
        foreach (var page in pages)
            chat.Then(Fenced(Mutated(page))).Then(Fenced(page.Html));
        return chat;
    }

    private Task<EvalReport> RunAsync(TempFolder corpus, TempFolder output, TestChatClient chat, int rounds = 3, IReadOnlyList<string>? extraRoots = null) =>
        services.Get<EvalRunner>().RunAsync(new EvalRequest(corpus.Path, output.Path, PageStacks.Html, rounds, 95, 1, null, null), chat, "scripted",
            new AllowedRoots([corpus.Path, output.Path, .. extraRoots ?? []]), null, CancellationToken.None);

    [Fact]
    public async Task A_mistake_then_its_fix_shows_as_a_rising_score_curve_and_design_scores_of_one_against_the_reference()
    {
        using var corpus = new TempFolder();
        using var output = new TempFolder();
        var pages = await WriteCorpusAsync(corpus);

        var report = await RunAsync(corpus, output, MistakeThenFix(pages));

        Assert.Equal(2, report.Summary.Cases);
        Assert.Equal(2, report.Summary.Completed);
        Assert.Equal(0, report.Summary.Failed);
        Assert.Equal(2, report.Summary.ReachedTarget);
        foreach (var c in report.Cases)
        {
            Assert.Null(c.Error);
            Assert.Equal(2, c.Rounds.Count);
            var (first, second) = (c.Rounds[0], c.Rounds[1]);
            Assert.True(first.Score < 95, $"{c.Name}: the mistake scored {first.Score}");
            Assert.NotEmpty(first.Differences);
            Assert.Equal(100, second.Score);
            Assert.Equal(2, c.BestRound);
            Assert.True(c.ReachedTarget);
            var design = Assert.IsType<DesignScores>(c.Design);
            Assert.Equal(1, design.BlockMatch);
            Assert.Equal(1, design.Text);
            Assert.Equal(1, design.Position);
            Assert.Equal(1, design.Color);
            Assert.Equal(1, design.Visual);
            Assert.True(design.ReferenceBlocks > 10, $"{c.Name}: {design.ReferenceBlocks} text blocks");
            Assert.Equal(design.ReferenceBlocks, design.MatchedBlocks);
        }
        // One point per round allowed; cases that stopped at the target keep their best.
        Assert.Equal(3, report.Summary.MeanBestByRound.Count);
        Assert.True(report.Summary.MeanBestByRound[0] < 95);
        Assert.Equal([100, 100], report.Summary.MeanBestByRound.Skip(1));
        Assert.True(report.Summary.MeanFirstScore < report.Summary.MeanBestScore);
    }

    [Fact]
    public async Task The_report_page_shows_target_every_round_and_its_diff_the_curve_and_the_design_table_and_report_json_matches_its_schema()
    {
        using var corpus = new TempFolder();
        using var output = new TempFolder();
        var pages = await WriteCorpusAsync(corpus);

        var report = await RunAsync(corpus, output, MistakeThenFix(pages));

        var html = await File.ReadAllTextAsync(output.File("report.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("<polyline", html);
        Assert.Contains("Design2Code scores", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        foreach (var c in report.Cases)
        {
            Assert.Contains($"<a href=\"#case-{c.Name}\">{c.Name}</a>", html);
            foreach (var file in new[] { c.TargetFile, c.Rounds[0].Render, c.Rounds[0].Diff, c.Rounds[1].Render, c.ReferenceFile, c.FinalFile })
            {
                Assert.NotNull(file);
                Assert.True(File.Exists(Path.Join(output.Path, file)), file);
            }
            foreach (var image in new[] { c.TargetFile, c.Rounds[0].Render, c.Rounds[0].Diff, c.Rounds[1].Render, c.ReferenceFile })
                Assert.Contains($"src=\"{image}\"", html);
        }
        var imageSources = ImageSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.All(imageSources, src => Assert.True(File.Exists(Path.Join(output.Path, src)), src));

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(output.File("report.json")));
        var schema = JsonSchema.FromFile(Path.Join(Checkout.Root, "docs", "eval-report.schema.json"));
        var evaluation = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(evaluation.IsValid, string.Join("\n", errors));
        var rounds = json.RootElement.GetProperty("cases")[0].GetProperty("rounds");
        Assert.True(rounds[0].GetProperty("score").GetDouble() < rounds[1].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_broken_image_and_a_link_out_of_the_roots_end_in_clear_errors_for_those_cases_while_the_others_run()
    {
        using var corpus = new TempFolder();
        using var output = new TempFolder();
        using var outside = new TempFolder();
        var pages = await WriteCorpusAsync(corpus);
        corpus.Write("a-broken.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFF]);
        corpus.Write("b-text.jpg", "this is not a JPEG");
        var secret = outside.Write("secret.png", await File.ReadAllBytesAsync(corpus.File("landing.png")));
        File.CreateSymbolicLink(corpus.File("z-escape.png"), secret);
        var before = Directory.GetFiles(outside.Path).Length;

        var report = await RunAsync(corpus, output, MistakeThenFix(pages));

        Assert.Equal(5, report.Summary.Cases);
        Assert.Equal(2, report.Summary.Completed);
        Assert.Equal(3, report.Summary.Failed);
        var broken = report.Cases.Single(c => c.Name == "a-broken");
        Assert.StartsWith("the screenshot cannot be used: ", broken.Error);
        Assert.Contains("a-broken.png", broken.Error);
        Assert.Empty(broken.Rounds);
        Assert.Contains("b-text.jpg", report.Cases.Single(c => c.Name == "b-text").Error);
        var escape = report.Cases.Single(c => c.Name == "z-escape").Error;
        Assert.NotNull(escape);
        Assert.Contains("outside", escape, StringComparison.OrdinalIgnoreCase);
        Assert.All(report.Cases.Where(c => c.Name is "landing" or "pricing"), c => Assert.Equal(100, c.BestScore));
        Assert.Equal(before, Directory.GetFiles(outside.Path).Length);
        var written = Directory.GetFiles(output.Path, "*", SearchOption.AllDirectories);
        Assert.All(written, f => Assert.StartsWith(output.Path + Path.DirectorySeparatorChar, Path.GetFullPath(f)));
        var html = await File.ReadAllTextAsync(output.File("report.html"));
        Assert.Contains("the screenshot cannot be used", html);
    }

    [Fact]
    public async Task An_engine_that_fails_on_one_case_ends_that_case_with_its_message_and_the_next_case_still_runs()
    {
        using var corpus = new TempFolder();
        using var output = new TempFolder();
        var pages = await WriteCorpusAsync(corpus);
        var chat = new TestChatClient()
            .Then(_ => throw new Core.UserInputException("The engine at http://gpu-node:8000/v1 failed (502) after 3 retries: Bad Gateway"))
            .Then(Fenced(pages[1].Html));

        var report = await RunAsync(corpus, output, chat, rounds: 1);

        Assert.Equal("screenshot_to_code failed: The engine at http://gpu-node:8000/v1 failed (502) after 3 retries: Bad Gateway", report.Cases[0].Error);
        Assert.Equal("target.png", Path.GetFileName(report.Cases[0].TargetFile));
        Assert.Null(report.Cases[1].Error);
        Assert.Equal(100, report.Cases[1].BestScore);
        Assert.Equal(1, report.Summary.Failed);
    }

    [Fact]
    public async Task Cancelling_keeps_the_case_under_way_at_its_best_round_runs_no_more_and_still_writes_the_report()
    {
        using var corpus = new TempFolder();
        using var output = new TempFolder();
        var pages = await WriteCorpusAsync(corpus);
        using var cancel = new CancellationTokenSource();
        var chat = new TestChatClient(Fenced(Mutated(pages[0]))).Then(async ct =>
        {
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return Fenced(pages[0].Html);
        });

        var report = await services.Get<EvalRunner>().RunAsync(new EvalRequest(corpus.Path, output.Path, PageStacks.Html, 3, 95, 1, null, null), chat, "scripted",
            new AllowedRoots([corpus.Path, output.Path]), null, cancel.Token);

        Assert.True(report.Summary.Cancelled);
        var only = Assert.Single(report.Cases);
        Assert.Equal((1, "landing"), (only.BestRound, only.Name));
        Assert.True(only.BestScore < 95);
        Assert.Equal(2, chat.Requests.Count);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(output.File("report.json")));
        Assert.True(json.RootElement.GetProperty("summary").GetProperty("cancelled").GetBoolean());
        Assert.True(File.Exists(output.File("report.html")));
    }

    [Fact]
    public async Task A_corpus_without_screenshots_is_refused_before_anything_runs()
    {
        using var corpus = new TempFolder();
        using var output = new TempFolder();
        corpus.Write("notes.txt", "no pictures here");

        var error = await Assert.ThrowsAsync<Core.UserInputException>(() => RunAsync(corpus, output, new TestChatClient()));

        Assert.Contains("holds no screenshots", error.Message);
        Assert.Empty(Directory.GetFiles(output.Path));
    }

    [GeneratedRegex("src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ImageSource();
}
