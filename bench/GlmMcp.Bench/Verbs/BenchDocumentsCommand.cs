using System.CommandLine;
using GlmMcp.Core.Documents;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Server.Cli;
using GlmMcp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench documents</c>: what describe_image spends before the model is asked. Rasterising a 20-page PDF
/// (Chromium's print of a report: a heading, prose and a table on each page) at 1280 px with pdf.js in our Chromium (goal ≤ 2 s), beside the
/// anchor of screenshotting the same 20 pages' HTML at the same size in the same Chromium (the pixels without the PDF
/// round trip); and taking 32 frames from a 1-minute 1280×720 WebM (recorded by Chromium's MediaRecorder first, in
/// real time, and kept in the temp folder for later runs) by each frame source, side by side in the same runs: ffmpeg
/// (when one is found; what <c>describe_image</c> uses then) and Chromium's <c>&lt;video&gt;</c> seeking (goal ≤ 3 s).
/// </summary>
internal static class BenchDocumentsCommand
{
    private const int Pages = 20;
    private const int PageSide = 1280;
    private const int Frames = 32;
    private const string OursPdf = "glm-mcp pdf 20 pages at 1280 px (pdf.js, open + draw)";
    private const string AnchorPdf = "Chromium screenshots of the 20 pages' HTML at the same size (anchor)";

    /// <summary>One page of the benchmark's report: a heading, two paragraphs and a table, all fitting one A4 page.</summary>
    private static string ReportPage(int n)
    {
        var rows = string.Concat(Enumerable.Range(1, 6).Select(r => $"<tr><td>Region {r}</td><td>{n * 100 + r * 7}</td><td>{r * 3 + n % 5}%</td></tr>"));
        return TestMedia.Page($"Quarterly report, part {n}",
            "Revenue grew in every region this quarter, led by the north, while costs stayed flat against the plan. " +
            "The table lists each region's figures; the notes below explain the changes from the previous quarter.</p>" +
            $"<table border=\"1\" style=\"font-size:24px;border-collapse:collapse\"><tr><th>Region</th><th>Revenue</th><th>Growth</th></tr>{rows}</table>" +
            "<p style=\"font-size:20px\">Figures are in thousands and unaudited.");
    }

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs of each (after one warm-up).", DefaultValueFactory = _ => 5 };
        var seconds = new Option<double>("--video-seconds") { Description = "Length of the recorded test video.", DefaultValueFactory = _ => 60 };
        var command = new Command("documents", "Rasterising a 20-page PDF at 1280 px and taking 32 frames from a 1-minute 720p video, as describe_image does.");
        command.Options.Add(runs);
        command.Options.Add(seconds);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var rendering = configuration.GetSection(RenderingOptions.Section).Get<RenderingOptions>() ?? new RenderingOptions();
            rendering.TimeoutSeconds = Math.Max(rendering.TimeoutSeconds, 60);
            var chromium = ChromiumLocator.Locate(rendering);
            var count = Math.Max(1, result.GetValue(runs));
            var videoRow = $"glm-mcp {Frames} frames from a {result.GetValue(seconds):0} s 720p WebM";
            var ffmpeg = FfmpegLocator.Locate(new DocumentOptions());
            (string Row, FrameSource Source)[] sources = ffmpeg is null
                ? [($"{videoRow} (<video> seeks)", FrameSource.Chromium)]
                : [($"{videoRow} (ffmpeg)", FrameSource.Ffmpeg), ($"{videoRow} (<video> seeks)", FrameSource.Chromium)];
            var report = new BenchReport($"describe_image inputs, Chromium {chromium}, ffmpeg {ffmpeg?.Ffmpeg ?? "not found"}; " +
                $"{Environment.ProcessorCount} cores, load {BenchReport.LoadAverage()}");

            byte[] pdf;
            byte[] webm;
            await using (var media = await TestMedia.StartAsync(chromium))
            {
                pdf = await media.PdfAsync([.. Enumerable.Range(1, Pages).Select(ReportPage)]);
                // Recording takes the video's length in real time: the first run keeps it for the next ones.
                var cached = Path.Join(Path.GetTempPath(), $"glm-mcp-bench-{result.GetValue(seconds):0}s-720p.webm");
                if (!File.Exists(cached))
                    await File.WriteAllBytesAsync(cached, await media.VideoAsync(result.GetValue(seconds), 1280, 720, 30), ct);
                webm = await File.ReadAllBytesAsync(cached, ct);
            }
            report.Note($"inputs: PDF {pdf.Length / 1024.0:0} KiB ({Pages} pages), WebM {webm.Length / 1048576.0:0.0} MiB");

            var documents = Options.Create(new DocumentOptions { TimeoutSeconds = 600 });
            await using var renderer = new PageRenderer(rendering, new UrlPolicy([]));
            var rasterizer = new PdfRasterizer(renderer, documents);
            var samplers = sources.Select(s => new VideoSampler(renderer, Options.Create(new DocumentOptions { TimeoutSeconds = 600, FrameSource = s.Source }))).ToArray();
            IReadOnlyList<PlannedImage> OnePerRequest(IReadOnlyList<(double Width, double Height)> sizes) =>
                [.. sizes.Select(s => TokenBudget.Fit(s.Width, s.Height, PageSide, TokenBudget.MaxTokensPerImage))];

            RasterizedPdf? drawn = null;
            SampledVideo? sampled = null;
            for (var run = 0; run <= count; run++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                drawn = await rasterizer.RasterizeAsync(pdf, null, OnePerRequest, null, ct);
                if (run > 0)
                    report.Add(OursPdf, watch.Elapsed.TotalMilliseconds);

                watch.Restart();
                foreach (var page in drawn.Pages)
                {
                    await renderer.RenderAsync(new RenderRequest
                    {
                        Html = $"<!doctype html><html><body style=\"margin:0;font:32px sans-serif;padding:40px\">{ReportPage(page.Page!.Value)}</body></html>",
                        Width = page.Width, Height = page.Height, Format = RenderFormat.Jpeg, Quality = 90,
                    }, ct);
                }
                if (run > 0)
                    report.Add(AnchorPdf, watch.Elapsed.TotalMilliseconds);

                for (var i = 0; i < sources.Length; i++)
                {
                    watch.Restart();
                    sampled = await samplers[i].SampleAsync(webm, "video/webm", d => FrameTimes.Choose(d, null, null, null, Frames, DocumentOptions.MaxFramesCeiling),
                        (w, h, _) => TokenBudget.Fit(w, h, PageSide, TokenBudget.MaxTokensPerImage), null, ct);
                    if (run > 0)
                        report.Add(sources[i].Row, watch.Elapsed.TotalMilliseconds);
                }
            }
            report.Ratio("pdf vs screenshots of its HTML", OursPdf, AnchorPdf);
            report.Note($"pdf: {drawn!.Pages.Count} pages of {drawn.Pages[0].Width}×{drawn.Pages[0].Height}, {drawn.Pages.Sum(p => p.Data.Length) / 1024} KiB of JPEG; goal ≤ 2000 ms, median {report.Median(OursPdf):0} ms");
            report.Ratio("video: ffmpeg vs <video> seeks", sources[0].Row, sources[^1].Row);
            report.Note($"video: {sampled!.Frames.Count} frames of {sampled.Frames[0].Width}×{sampled.Frames[0].Height} from {sampled.DurationSeconds:0.0} s; goal ≤ 3000 ms for 1 min, " +
                $"median {report.Median(sources[0].Row):0} ms by {sources[0].Source.ToString().ToLowerInvariant()} (the default source here)");
            report.Note($"load at the end: {BenchReport.LoadAverage()}");
            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }
}
