using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Server.Cli;
using GlmMcp.Testing.Fidelity;

namespace GlmMcp.Bench.Judge;

/// <summary>
/// <c>glm-mcp-bench judge</c>: renders the fidelity corpus once with every mutation kind applied (real Chromium, the
/// product's renderer), scores each case with screenshot_to_code's judge and, as the anchor, with the layout score it
/// replaced; prints ROC AUC, each kind's min/median/max, the cases on the wrong side of the target, the worst cases,
/// how many mutated elements the refine prompt's named differences cover, and the scoring time.
/// </summary>
internal static class BenchJudgeCommand
{
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "Mutations per kind and page (default 2).", DefaultValueFactory = _ => 2 };
        var pages = new Option<string?>("--pages") { Description = "Only the corpus pages whose names contain this." };
        var worst = new Option<int>("--worst") { Description = "Worst cases listed per class (default 8).", DefaultValueFactory = _ => 8 };
        var save = new Option<DirectoryInfo?>("--save") { Description = "Write the misjudged cases' reference and mutated PNGs here." };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Keep the corpus renders in this folder: rendered and saved when it holds none, read back when it does." };
        var writeCorpus = new Option<DirectoryInfo?>("--write-corpus")
        {
            Description = "Only write the corpus pages (selected by --pages) to this folder, each as NAME.html and its screenshot NAME.png, for `glm-mcp eval DIR`; no judging.",
        };
        var command = new Command("judge", "ROC AUC, per-kind scores, coverage and speed of screenshot_to_code's judge on the fidelity corpus, beside the previous layout score.");
        foreach (var option in new Option[] { seeds, pages, worst, save, cache, writeCorpus })
            command.Options.Add(option);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var filter = result.GetValue(pages);
            var selected = FidelityCorpus.Pages.Where(p => filter is null || p.Name.Contains(filter, StringComparison.Ordinal)).ToList();
            if (result.GetValue(writeCorpus) is { } corpusFolder)
            {
                await WriteCorpusAsync(corpusFolder, selected, ct);
                return ExitCodes.Ok;
            }
            var target = ScreenshotToCodeRequest.DefaultTargetScore;
            var clock = Stopwatch.StartNew();
            var cacheFolder = result.GetValue(cache);
            FidelityCorpusRenders renders;
            if (cacheFolder is not null && JudgeRenderCache.Exists(cacheFolder))
            {
                renders = JudgeRenderCache.Load(cacheFolder);
                selected = selected.Where(p => renders.Cases.Any(c => c.Mutation.Page == p)).ToList();
            }
            else
            {
                await using (var renderer = new PageRenderer(new RenderingOptions { PoolSize = 2, TimeoutSeconds = 30 }, new UrlPolicy([])))
                    renders = await FidelityRun.RenderAsync(renderer, selected, Math.Max(1, result.GetValue(seeds)), parallel: 2, ct);
                if (cacheFolder is not null)
                    JudgeRenderCache.Save(cacheFolder, renders);
            }
            var renderSeconds = clock.Elapsed.TotalSeconds;
            var judged = JudgeEvaluation.Run(renders.Cases);

            var differ = new VisualDiffer(new ImageLoader(new ImageDecoder(new ImagingOptions()), new UrlPolicy([])));
            var legacy = renders.Cases.Select(c => (c.Mutation.Kind, Score: LegacyLayoutScorer.Score(c.Reference, c.Mutated,
                differ.Diff(c.Reference, c.Mutated, new VisualDiffOptions { DiffImage = DiffImageKind.None }).DiffPercent))).ToList();
            var legacyAuc = JudgeEvaluation.RocAuc(legacy.Where(l => !l.Kind.IsPerceptible()).Select(l => l.Score).ToList(), legacy.Where(l => l.Kind.IsPerceptible()).Select(l => l.Score).ToList());

            var o = Console.Out; // stdout-ok: CLI verb output, never under serve
            o.WriteLine($"judge on the fidelity corpus: {selected.Count} pages, {renders.Cases.Count} cases ({judged.Perceptible.Count()} perceptible, {judged.Imperceptible.Count()} imperceptible), rendered in {renderSeconds:0} s");
            foreach (var failure in renders.Failed)
                o.WriteLine($"render failed, left out: {failure}");
            if (renders.Unchanged.Count > 0)
                o.WriteLine($"left out: {renders.Unchanged.Count} perceptible mutations that changed no pixel ({string.Join(", ", renders.Unchanged.Take(5))}{(renders.Unchanged.Count > 5 ? ", …" : "")})");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROC AUC (imperceptible above perceptible): judge {judged.Auc:0.0000}, previous layout score (anchor) {legacyAuc:0.0000}"));
            var misjudged = judged.Misjudged(target).ToList();
            var legacyMisjudged = legacy.Count(l => l.Kind.IsPerceptible() == l.Score >= target);
            o.WriteLine($"on the wrong side of target {target}: judge {misjudged.Count}, previous layout score {legacyMisjudged} of {renders.Cases.Count}");
            o.WriteLine($"{"kind",-13}{"cases",6}{"min",8}{"median",8}{"max",8}   {"previous: min",13}{"median",8}{"max",8}");
            foreach (var kind in MutationKinds.Perceptible.Concat(MutationKinds.Imperceptible))
            {
                var ours = judged.Cases.Where(c => c.Kind == kind).Select(c => c.Score.Total).ToList();
                var theirs = legacy.Where(l => l.Kind == kind).Select(l => l.Score).ToList();
                if (ours.Count == 0)
                    continue;
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind.Name(),-13}{ours.Count,6}{ours.Min(),8:0.0}{BenchMedian(ours),8:0.0}{ours.Max(),8:0.0}   {theirs.Min(),13:0.0}{BenchMedian(theirs),8:0.0}{theirs.Max(),8:0.0}"));
            }
            var (worstPerceptible, worstImperceptible) = judged.Worst(Math.Max(1, result.GetValue(worst)));
            o.WriteLine("highest-scoring perceptible cases:");
            foreach (var c in worstPerceptible)
                o.WriteLine($"  {c}  [{c.Score.Differences.Count} difference(s)]");
            o.WriteLine("lowest-scoring imperceptible cases:");
            foreach (var c in worstImperceptible)
                o.WriteLine($"  {c}  [{string.Join("; ", c.Score.Differences.Take(2).Select(d => $"{d.Kind} {d.Width}×{d.Height}@{d.X},{d.Y} {d.Pixels}px"))}]");
            var uncovered = judged.Perceptible.Where(c => !c.Covered).ToList();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"named differences cover {judged.Coverage:P1} of mutated elements ({uncovered.Count} not covered{(uncovered.Count == 0 ? "" : ": " + string.Join(", ", uncovered.Take(6).Select(c => c.Case.Mutation)))})"));
            var kindsRight = judged.Perceptible.Count(c => c.Score.Differences.Count > 0 && Expected(c.Kind).Contains(c.Score.Differences[0].Kind));
            o.WriteLine($"first named difference of the expected kind: {kindsRight} of {judged.Perceptible.Count()}");
            var times = judged.Cases.Where(c => c.Case.Reference.Width == 1280 && c.Case.Reference.Height == 800).Select(c => c.ScoreMs).ToList();
            if (times.Count > 0)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scoring a 1280×800 pair (target prepared once per page): median {BenchMedian(times):0.00} ms, max {times.Max():0.00} ms over {times.Count} cases (goal ≤ 15 ms; BenchmarkDotNet: `micro --filter *Scoring*`)"));
            if (result.GetValue(save) is { } folder)
                SaveMisjudged(folder, misjudged);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The difference kinds a mutation of <paramref name="kind"/> can fairly be called.</summary>
    private static DifferenceKind[] Expected(MutationKind kind) => kind switch
    {
        MutationKind.Color or MutationKind.Background => [DifferenceKind.Color],
        MutationKind.Shift or MutationKind.Spacing or MutationKind.Swap => [DifferenceKind.Position, DifferenceKind.Content],
        MutationKind.FontSize => [DifferenceKind.Size, DifferenceKind.Content],
        MutationKind.Missing => [DifferenceKind.Missing],
        MutationKind.Extra => [DifferenceKind.Extra, DifferenceKind.Position, DifferenceKind.Content],
        _ => [DifferenceKind.Content, DifferenceKind.Size],
    };

    private static double BenchMedian(List<double> values) => Verbs.BenchReport.Median(values);

    /// <summary>Each page as NAME.html and its render at the page's size as NAME.png: an eval corpus with reference HTML.</summary>
    internal static async Task WriteCorpusAsync(DirectoryInfo folder, List<FidelityPage> pages, CancellationToken ct)
    {
        folder.Create();
        await using var renderer = new PageRenderer(new RenderingOptions { TimeoutSeconds = 30 }, new UrlPolicy([]));
        foreach (var page in pages)
        {
            var render = await renderer.RenderAsync(new RenderRequest { Html = page.Html, Width = page.Width, Height = page.Height }, ct);
            await File.WriteAllTextAsync(Path.Join(folder.FullName, page.Name + ".html"), page.Html, ct);
            await File.WriteAllBytesAsync(Path.Join(folder.FullName, page.Name + ".png"), render.Image, ct);
        }
        Console.Out.WriteLine($"wrote {pages.Count} reference pages and their screenshots to {folder.FullName}; run `glm-mcp eval {folder.FullName}`"); // stdout-ok: CLI verb output, never under serve
    }

    private static void SaveMisjudged(DirectoryInfo folder, List<JudgedCase> cases)
    {
        folder.Create();
        foreach (var c in cases)
        {
            var name = $"{c.Case.Mutation.Page.Name}-{c.Kind.Name()}-{c.Case.Mutation.Seed}";
            File.WriteAllBytes(Path.Join(folder.FullName, name + "-reference.png"), ImageEncoder.EncodePng(c.Case.Reference));
            File.WriteAllBytes(Path.Join(folder.FullName, name + "-mutated.png"), ImageEncoder.EncodePng(c.Case.Mutated));
        }
    }
}
