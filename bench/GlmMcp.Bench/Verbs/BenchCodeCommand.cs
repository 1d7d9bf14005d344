using System.CommandLine;
using GlmMcp.Bench.Micro;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using GlmMcp.Server.Cli;
using GlmMcp.Testing;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench code</c>: the screenshot_to_code loop driven by a <see cref="TestChatClient"/> replaying fixed answers round-robin (scripted answers,
/// no model), so every millisecond measured is the loop's own — prompt building, code extraction, render, diff and
/// score per round. Goal: at most 80 ms per round at 1280×800, leaving the model as the only real cost. Anchors: the
/// figures of issue 15 (145.9 ms per round: render 93.8, diff 31.6, score 11.2), and the previous compare path (diff,
/// then score, one after the other) timed in the same run on the same renders.
/// </summary>
internal static class BenchCodeCommand
{
    private const double GoalMs = 80;

    /// <summary>Issue 15's figures at 1280×800, before the uncapped frame rate and the side-by-side diff and score.</summary>
    private const double AnchorRoundMs = 145.9;
    private const double AnchorRenderMs = 93.8;
    private const double AnchorDiffMs = 31.6;
    private const double AnchorScoreMs = 11.2;

    private const string PreviousCompare = "anchor: diff, then score (previous path, same run)";

    /// <summary>The target: a landing page with a header, a hero, three cards and a footer.</summary>
    private const string TargetPage = """
        <!DOCTYPE html><html><head><style>
        body{margin:0;font-family:sans-serif;background:#f4f6fb}
        header{height:72px;background:#1f3a93;color:#fff;display:flex;align-items:center;padding:0 40px;font-size:24px}
        .hero{margin:40px;height:240px;background:#fff;border-radius:12px;padding:32px;font-size:40px}
        .cards{display:flex;gap:24px;margin:0 40px}.card{flex:1;height:220px;background:#fff;border-radius:12px;padding:24px}
        .card b{display:block;width:120px;height:40px;background:#e8553d;margin-top:20px}
        footer{position:absolute;bottom:0;left:0;right:0;height:60px;background:#222;color:#ddd;padding:20px 40px}
        </style></head><body><header>Acme</header><div class="hero">Build faster</div>
        <div class="cards"><div class="card">One<b></b></div><div class="card">Two<b></b></div><div class="card">Three<b></b></div></div>
        <footer>© Acme</footer></body></html>
        """;

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed loop runs after one warm-up (default 5).", DefaultValueFactory = _ => 5 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per run (default 3).", DefaultValueFactory = _ => 3 };
        var width = new Option<int>("--width") { Description = "Viewport width (default 1280).", DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = "Viewport height (default 800).", DefaultValueFactory = _ => 800 };
        var command = new Command("code", "Median time per screenshot_to_code round spent outside the model (extract + render + diff + score + prompt).");
        foreach (var option in new Option[] { runs, rounds, width, height })
            command.Options.Add(option);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var workspace = Directory.CreateTempSubdirectory("glm-mcp-bench-code-");
            try
            {
                var configuration = new ConfigurationBuilder()
                    .AddConfiguration(ServerSettings.Build(result, ServerSettings.Shared))
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Sessions:Workspace"] = workspace.FullName })
                    .Build();
                var services = new ServiceCollection();
                services.AddLogging(l => l.AddStderrConsole(configuration));
                services.AddGlmMcp(configuration);
                await using var provider = services.BuildServiceProvider();
                var (w, h) = (result.GetValue(width), result.GetValue(height));
                var target = await RenderTargetAsync(provider, TargetPage, w, h, ct);
                // Round 1: a wrong colour and a misplaced card row; round 2: the colour still wrong; round 3: the target itself,
                // unfenced (GLM does that). Every round renders, compares and scores; the last one reaches 100 and stops.
                var wrongColour = TargetPage.Replace("#1f3a93", "#2d8a4e", StringComparison.Ordinal);
                var misplaced = wrongColour.Replace("margin:0 40px", "margin:80px 40px", StringComparison.Ordinal);
                var answers = new[] { "Here is the page:\n```html\n" + misplaced + "\n```", "```html\n" + wrongColour + "\n```", TargetPage };
                var next = 0;
                var chat = TestChatClient.Answering(_ => answers[next++ % answers.Length]);
                var workflow = provider.GetRequiredService<ScreenshotToCodeWorkflow>();
                var request = new ScreenshotToCodeRequest(target, null, PageStacks.Html, w, h, 1, Math.Clamp(result.GetValue(rounds), 1, 10), 100, null, null);

                await workflow.RunAsync(request, chat, null, ct);
                var count = Math.Max(1, result.GetValue(runs));
                var report = new BenchReport($"screenshot_to_code round outside the model, {w}×{h}, {request.MaxRounds} rounds × {count} runs (goal ≤ {GoalMs:0} ms; {Environment.ProcessorCount} cores, load {BenchReport.LoadAverage()})");
                var differ = provider.GetRequiredService<VisualDiffer>();
                var prepared = LayoutScorer.Prepare(target);
                for (var i = 0; i < count; i++)
                {
                    var run = await workflow.RunAsync(request, chat, null, ct);
                    foreach (var round in run.Rounds)
                    {
                        var t = round.Timings;
                        report.Add("prompt building", t.PromptMs);
                        report.Add("code extraction", t.ExtractMs);
                        report.Add("render (Chromium, PNG decode)", t.RenderMs);
                        report.Add("pixel diff + overlay PNG", t.DiffMs);
                        report.Add("layout score", t.ScoreMs);
                        report.Add("diff ∥ score (wall clock)", t.CompareMs);
                        report.Add("per round outside the model", t.OutsideModelMs);
                    }
                    // The previous compare path on the same pages, right after their render as in a round (Chromium resets
                    // the tab meanwhile): diff, then score, one after the other.
                    foreach (var page in new[] { misplaced, wrongColour, TargetPage }.Take(request.MaxRounds))
                    {
                        var render = await RenderTargetAsync(provider, page, w, h, ct);
                        report.Add(PreviousCompare, InTurnComparison.Compare(differ, prepared, render).WallMs);
                    }
                }
                report.Ratio("diff and score", "diff ∥ score (wall clock)", PreviousCompare);
                var median = report.Median("per round outside the model");
                report.Note($"anchor (issue 15): {AnchorRoundMs:0.0} ms per round (render {AnchorRenderMs:0.0}, diff {AnchorDiffMs:0.0}, score {AnchorScoreMs:0.0}); " +
                    $"ours {median:0.0} ms (render {report.Median("render (Chromium, PNG decode)"):0.0}, diff ∥ score {report.Median("diff ∥ score (wall clock)"):0.0}), ratio {median / AnchorRoundMs:0.00}");
                report.Note(median <= GoalMs ? $"goal met: {median:0.0} ms ≤ {GoalMs:0} ms per round" : $"goal missed: {median:0.0} ms > {GoalMs:0} ms per round");
                report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
                return ExitCodes.Ok;
            }
            finally
            {
                workspace.Delete(recursive: true);
            }
        }));
        return command;
    }

    private static async Task<RgbaImage> RenderTargetAsync(IServiceProvider provider, string html, int width, int height, CancellationToken ct)
    {
        var render = await provider.GetRequiredService<IPageRenderer>().RenderAsync(new RenderRequest { Html = html, Width = width, Height = height }, ct);
        return provider.GetRequiredService<ImageDecoder>().Decode(render.Image, "target");
    }
}
