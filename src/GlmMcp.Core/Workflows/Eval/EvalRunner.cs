using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// <c>glm-mcp eval</c>: runs the real screenshot_to_code workflow on every screenshot of a corpus folder and writes
/// <c>report.json</c>, <c>report.html</c> and the pictures of every round under the output folder. A case that cannot
/// run (an unreadable image, a file outside the roots) is reported with its error and the others still run; where
/// reference HTML lies beside a screenshot, the best page is compared with it the Design2Code way.
/// </summary>
public sealed class EvalRunner(ScreenshotToCodeWorkflow workflow, ImageLoader images, IPageRenderer renderer, ImageDecoder decoder)
{
    /// <summary>Named differences kept per round in the report.</summary>
    public const int ReportedDifferences = 12;

    /// <summary>
    /// Runs every case of <paramref name="request"/> with <paramref name="chat"/>. Files are read only under
    /// <paramref name="roots"/> and written only under the output folder; <paramref name="log"/> gets one line per case.
    /// Cancelling stops after the case under way (which keeps its best round) and still writes the report.
    /// </summary>
    public async Task<EvalReport> RunAsync(EvalRequest request, IChatClient chat, string engine, AllowedRoots roots, IProgress<string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(roots);
        // The rounds, target and stack are checked as screenshot_to_code checks them, before any case runs.
        new ScreenshotToCodeRequest(new RgbaImage(1, 1, new byte[RgbaImage.BytesPerPixel]), request.Instructions, request.Stack, 1, 1, request.DeviceScaleFactor, request.MaxRounds, request.TargetScore, null, null).Validate();
        if (!(request.DeviceScaleFactor is >= RenderRequest.MinDeviceScaleFactor and <= RenderRequest.MaxDeviceScaleFactor))
            throw new UserInputException($"'device_scale_factor' must be between {RenderRequest.MinDeviceScaleFactor} and {RenderRequest.MaxDeviceScaleFactor}, got {request.DeviceScaleFactor}.");
        var sources = EvalCorpus.Find(request.Corpus, request.Limit);
        var output = new ReportFolder(request.OutputFolder);
        var clock = Stopwatch.StartNew();
        var cases = new List<EvalCaseReport>();
        var cancelled = false;
        for (var i = 0; i < sources.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            var folder = $"cases/{i + 1:000}-{SafeName(sources[i].Name)}";
            EvalCaseReport report;
            try
            {
                report = await RunCaseAsync(request, sources[i], folder, chat, roots, output, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled before the case had a page to keep: it is left out, the report of the others is still written.
                cancelled = true;
                break;
            }
            cases.Add(report);
            log?.Report(Line(i + 1, sources.Count, report));
        }
        cancelled |= cancellationToken.IsCancellationRequested;
        var result = new EvalReport(EvalReport.CurrentFormat, DateTimeOffset.UtcNow, engine, request.Corpus,
            new EvalSettings(request.Stack, request.MaxRounds, request.TargetScore, request.DeviceScaleFactor, request.Instructions),
            Summarise(cases, request.MaxRounds, cancelled, clock.Elapsed.TotalSeconds), cases);
        await output.WriteAsync("report.json", JsonSerializer.SerializeToUtf8Bytes(result, EvalJsonContext.Default.EvalReport), CancellationToken.None).ConfigureAwait(false);
        await output.WriteAsync("report.html", Encoding.UTF8.GetBytes(EvalReportPage.Render(result)), CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private async Task<EvalCaseReport> RunCaseAsync(EvalRequest request, EvalCaseSource source, string folder, IChatClient chat, AllowedRoots roots,
        ReportFolder output, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        RgbaImage target;
        try
        {
            target = await images.LoadAsync(source.ImagePath, roots, Path.GetFileName(source.ImagePath), cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException e)
        {
            return Failed(source, 0, 0, $"the screenshot cannot be used: {e.Message}", clock);
        }
        var width = Math.Max(1, (int)Math.Round(target.Width / request.DeviceScaleFactor));
        var height = Math.Max(1, (int)Math.Round(target.Height / request.DeviceScaleFactor));
        var targetFile = await output.WriteAsync($"{folder}/target.png", ImageEncoder.EncodePng(target), cancellationToken).ConfigureAwait(false);

        var captures = new List<RoundCapture>();
        ScreenshotToCodeResult run;
        try
        {
            run = await workflow.RunAsync(new ScreenshotToCodeRequest(target, request.Instructions, request.Stack, width, height, request.DeviceScaleFactor,
                request.MaxRounds, request.TargetScore, null, null), chat, null, captures.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException e)
        {
            // The engine refused or failed (unreachable, 4xx/5xx after retries, a timeout): this case ends, the next one tries again.
            return Failed(source, target.Width, target.Height, $"screenshot_to_code failed: {e.Message}", clock) with { TargetFile = targetFile };
        }

        var rounds = new List<EvalRound>();
        foreach (var r in run.Rounds)
        {
            var capture = captures.FirstOrDefault(c => c.Round == r.Round);
            string? code = null, render = null, diff = null;
            if (capture is not null)
            {
                code = await output.WriteAsync($"{folder}/round-{r.Round}.html", Encoding.UTF8.GetBytes(capture.Code), CancellationToken.None).ConfigureAwait(false);
                render = await output.WriteAsync($"{folder}/round-{r.Round}.png", capture.RenderPng, CancellationToken.None).ConfigureAwait(false);
                if (capture.DiffPng is { } png)
                    diff = await output.WriteAsync($"{folder}/round-{r.Round}-diff.png", png, CancellationToken.None).ConfigureAwait(false);
            }
            var s = r.Score;
            rounds.Add(new EvalRound(r.Round, r.Kind, s?.Total, s?.Pixel, s?.Block, s?.Position, s?.Color, r.DiffPercent, s?.Differences.Count ?? 0,
                s?.Differences.Take(ReportedDifferences).ToList() ?? [], r.Note, code, render, diff));
        }
        var finalFile = run.Code is null ? null : await output.WriteAsync($"{folder}/final.html", Encoding.UTF8.GetBytes(run.Code), CancellationToken.None).ConfigureAwait(false);

        DesignScores? design = null;
        string? referenceFile = null, error = null;
        if (source.ReferencePath is { } reference && run.Code is not null && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                (design, var referencePng) = await CompareWithReferenceAsync(request, reference, run.Code, width, height, roots, cancellationToken).ConfigureAwait(false);
                referenceFile = await output.WriteAsync($"{folder}/reference.png", referencePng, cancellationToken).ConfigureAwait(false);
            }
            catch (UserInputException e)
            {
                error = $"the reference page {Path.GetFileName(reference)} could not be compared: {e.Message}";
            }
        }
        return new EvalCaseReport(source.Name, source.ImagePath, source.ReferencePath, target.Width, target.Height, error, run.NoCodeReason,
            run.Code is null ? null : run.BestRound, run.Score?.Total, run.Score is { } best && best.Total >= request.TargetScore,
            rounds, design, targetFile, referenceFile, finalFile, Math.Round(clock.Elapsed.TotalSeconds, 2));
    }

    /// <summary>Renders the reference page (a file under the roots) and the best page at the same size, each with its text blocks read from its DOM.</summary>
    private async Task<(DesignScores Scores, byte[] ReferencePng)> CompareWithReferenceAsync(EvalRequest request, string reference, string code, int width, int height,
        AllowedRoots roots, CancellationToken cancellationToken)
    {
        var referenceRender = await renderer.RenderAsync(new RenderRequest
        {
            FilePath = reference, Roots = roots, Width = width, Height = height, DeviceScaleFactor = request.DeviceScaleFactor, Script = DesignComparison.Script,
        }, cancellationToken).ConfigureAwait(false);
        var finalRender = await renderer.RenderAsync(new RenderRequest
        {
            Html = PageStackInjector.ForRender(code, request.Stack), Width = width, Height = height, DeviceScaleFactor = request.DeviceScaleFactor, Script = DesignComparison.Script,
        }, cancellationToken).ConfigureAwait(false);
        var referenceImage = decoder.Decode(referenceRender.Image, "reference");
        var finalImage = decoder.Decode(finalRender.Image, "render");
        if (finalImage.Width != referenceImage.Width || finalImage.Height != referenceImage.Height)
            finalImage = ImageScaler.Resize(finalImage, referenceImage.Width, referenceImage.Height);
        var visual = LayoutScorer.Score(referenceImage, finalImage).Total / 100;
        var (a, aw, ah) = DesignComparison.Parse(referenceRender.ScriptResult ?? "{\"width\":1,\"height\":1,\"blocks\":[]}");
        var (b, bw, bh) = DesignComparison.Parse(finalRender.ScriptResult ?? "{\"width\":1,\"height\":1,\"blocks\":[]}");
        return (DesignComparison.Compare(a, (aw, ah), b, (bw, bh), visual), referenceRender.Image);
    }

    private static EvalCaseReport Failed(EvalCaseSource source, int width, int height, string error, Stopwatch clock) =>
        new(source.Name, source.ImagePath, source.ReferencePath, width, height, error, null, null, null, false, [], null, null, null, null, Math.Round(clock.Elapsed.TotalSeconds, 2));

    private static EvalSummary Summarise(List<EvalCaseReport> cases, int maxRounds, bool cancelled, double seconds)
    {
        var completed = cases.Where(c => c.BestScore is not null).ToList();
        var curve = new List<double>();
        for (var round = 1; round <= maxRounds && completed.Count > 0; round++)
        {
            var r = round;
            curve.Add(Math.Round(completed.Average(c => c.Rounds.Where(x => x.Round <= r && x.Score is not null).Select(x => x.Score!.Value).DefaultIfEmpty(0).Max()), 2));
        }
        var designed = cases.Where(c => c.Design is not null).Select(c => c.Design!).ToList();
        var design = designed.Count == 0
            ? null
            : new DesignScores(Mean(designed, d => d.BlockMatch), Mean(designed, d => d.Text), Mean(designed, d => d.Position), Mean(designed, d => d.Color),
                Mean(designed, d => d.Visual), designed.Sum(d => d.ReferenceBlocks), designed.Sum(d => d.RenderBlocks), designed.Sum(d => d.MatchedBlocks));
        return new EvalSummary(cases.Count, completed.Count, cases.Count(c => c.Error is not null || c.BestScore is null), completed.Count(c => c.ReachedTarget),
            completed.Count == 0 ? null : Math.Round(completed.Average(c => c.Rounds.FirstOrDefault(r => r.Score is not null)?.Score ?? 0), 2),
            completed.Count == 0 ? null : Math.Round(completed.Average(c => c.BestScore!.Value), 2),
            completed.Count == 0 ? null : Math.Round(completed.Average(c => c.Rounds.Count), 2),
            curve, design, designed.Count, cancelled, Math.Round(seconds, 1));

        static double Mean(List<DesignScores> scores, Func<DesignScores, double> pick) => Math.Round(scores.Average(pick), 4);
    }

    private static string Line(int index, int count, EvalCaseReport report)
    {
        var head = $"case {index}/{count} {report.Name}: ";
        if (report.BestScore is null)
            return head + (report.Error ?? report.NoCode ?? "no page");
        var curve = string.Join(" → ", report.Rounds.Select(r => r.Score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "–"));
        var design = report.Design is { } d ? string.Create(CultureInfo.InvariantCulture, $", design {d.Overall:0.000}") : "";
        return head + $"rounds {curve}, best {report.BestScore.Value.ToString("0.0", CultureInfo.InvariantCulture)}{design}" + (report.Error is null ? "" : $" ({report.Error})");
    }

    /// <summary>A file-name-safe form of a case name (letters, digits, '.', '-', '_'; at most 60 characters).</summary>
    private static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "case" : safe[..Math.Min(60, safe.Length)];
    }

    /// <summary>The output folder: every file is written under it (never through a link), and named relative to it in the report.</summary>
    private sealed class ReportFolder(string folder)
    {
        private readonly AllowedRoots _roots = new([CreateFolder(folder)]);

        public async Task<string> WriteAsync(string relative, byte[] bytes, CancellationToken cancellationToken)
        {
            var path = _roots.ResolveOutputPath(Path.Join(folder, relative), "--out");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await VerifiedFile.WriteAsync(path, bytes, "--out", cancellationToken).ConfigureAwait(false);
            return relative;
        }

        private static string CreateFolder(string folder)
        {
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
