namespace GlmMcp.Bench.Tests;

/// <summary>
/// <c>bench documents</c> on a short recording: every row (both frame sources: the machine has ffmpeg, as the tests
/// need) is measured and the goals are printed, never asserted.
/// </summary>
public sealed class BenchDocumentsCommandTests
{
    [Fact]
    public async Task Bench_documents_times_the_pdf_its_html_anchor_and_the_video_frames()
    {
        using var folder = new TempFolder();

        var run = await BenchRun.RunAsync(folder.Path, "documents", "--runs", "1", "--video-seconds", "3");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        foreach (var row in new[]
                 {
                     "glm-mcp pdf 20 pages at 1280 px (pdf.js, open + draw)", "Chromium screenshots of the 20 pages' HTML at the same size (anchor)",
                     "glm-mcp 32 frames from a 3 s 720p WebM (ffmpeg)", "glm-mcp 32 frames from a 3 s 720p WebM (<video> seeks)",
                 })
            Assert.True(BenchRun.Row(run.Stdout, row) > 0, $"{row} has a positive median");
        Assert.Contains("pdf: 20 pages of 896×1260", run.Stdout);
        Assert.Contains("video: 32 frames of 1260×700", run.Stdout);
        Assert.Contains("by ffmpeg (the default source here)", run.Stdout);
        Assert.Contains("video: ffmpeg vs <video> seeks: ratio ", run.Stdout);
    }
}
