using System.CommandLine;
using System.Globalization;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.Eval;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Server.Cli;
using GlmMcp.Server.Hosting;
using GlmMcp.Testing;
using GlmMcp.Testing.Fidelity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Bench.Judge;

/// <summary>
/// <c>glm-mcp-bench eval</c>: <c>glm-mcp eval</c>'s runner over the fidelity corpus (written as NAME.html + NAME.png)
/// with a scripted engine: each page's first answer is the page with one perceptible mutation (the kinds in turn, by
/// page), every refine answer the page itself. Prints each case, the score curve, the first and best score per
/// mutation kind and the Design2Code means, and leaves report.html and report.json in --out.
/// </summary>
internal static class BenchEvalCommand
{
    public static Command Create()
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds per case (default 2: the mistake, then the fix; 1 keeps the mistake for the Design2Code table).", DefaultValueFactory = _ => 2 };
        var pages = new Option<string?>("--pages") { Description = "Only the corpus pages whose names contain this." };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder for the corpus and the report (default: a new temporary folder).", DefaultValueFactory = _ => Directory.CreateTempSubdirectory("glm-mcp-eval-") };
        var command = new Command("eval", "glm-mcp eval on the fidelity corpus with a scripted engine (a mutated page, then the page): the report, the score curve and the scores per mutation kind.");
        foreach (var option in new Option[] { rounds, pages, output })
            command.Options.Add(option);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var filter = result.GetValue(pages);
            var selected = FidelityCorpus.Pages.Where(p => filter is null || p.Name.Contains(filter, StringComparison.Ordinal)).ToList();
            var folder = result.GetRequiredValue(output);
            var corpus = Path.Join(folder.FullName, "corpus");
            var report = Path.Join(folder.FullName, "report");
            await BenchJudgeCommand.WriteCorpusAsync(new DirectoryInfo(corpus), selected, ct);

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sessions:Workspace"] = Path.Join(report, "sessions"),
                ["Rendering:TimeoutSeconds"] = "60",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddGlmMcp(configuration);
            await using var provider = services.BuildServiceProvider();

            // The runner takes the cases in ordinal file-name order; each page's first request is a generate request (two messages).
            var order = selected.OrderBy(p => p.Name + ".png", StringComparer.Ordinal).ToList();
            var kinds = order.Select((p, i) => MutationKinds.Perceptible[i % MutationKinds.Perceptible.Count]).ToList();
            var next = -1;
            var chat = TestChatClient.Answering(request =>
            {
                if (request.Messages.Count <= 2)
                    next++;
                var page = order[next];
                var html = request.Messages.Count <= 2 ? MutationGenerator.MutatedHtml(page, kinds[next], next + 1) : page.Html;
                return "```html\n" + html + "\n```";
            });
            var run = await provider.GetRequiredService<EvalRunner>().RunAsync(
                new EvalRequest(corpus, report, PageStacks.Html, result.GetValue(rounds), ScreenshotToCodeRequest.DefaultTargetScore, 1, null, null),
                chat, "scripted (a mutated page, then the page)", new AllowedRoots([corpus, report]), new Core.SynchronousProgress<string>(Console.WriteLine), ct);

            var o = Console.Out; // stdout-ok: CLI verb output, never under serve
            var s = run.Summary;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Completed} of {s.Cases} cases produced a page, {s.ReachedTarget} reached {ScreenshotToCodeRequest.DefaultTargetScore}; curve (mean best by round) {string.Join(" → ", s.MeanBestByRound.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))}; {s.Seconds:0} s"));
            o.WriteLine($"{"first answer",-14}{"cases",6}{"first: min",12}{"median",8}{"max",8}{"best: min",11}{"rounds",8}");
            foreach (var group in run.Cases.Select((c, i) => (Case: c, Kind: kinds[i])).Where(x => x.Case.BestScore is not null).GroupBy(x => x.Kind))
            {
                var first = group.Select(x => x.Case.Rounds.First(r => r.Score is not null).Score!.Value).ToList();
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key.Name(),-14}{first.Count,6}{first.Min(),12:0.0}{Verbs.BenchReport.Median(first),8:0.0}{first.Max(),8:0.0}{group.Min(x => x.Case.BestScore!.Value),11:0.0}{group.Average(x => x.Case.Rounds.Count),8:0.0}"));
            }
            if (s.Design is { } d)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Design2Code, final page against the reference, mean of {s.DesignCases}: block-match {d.BlockMatch:0.000}, text {d.Text:0.000}, position {d.Position:0.000}, colour {d.Color:0.000}, visual {d.Visual:0.000}, overall {d.Overall:0.000}"));
            o.WriteLine($"report: {Path.Join(report, "report.html")}");
            return s.Failed == 0 ? ExitCodes.Ok : ExitCodes.Different;
        }));
        return command;
    }
}
