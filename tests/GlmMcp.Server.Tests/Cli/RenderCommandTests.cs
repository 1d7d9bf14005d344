using GlmMcp.Server.Tests.Infrastructure;
using GlmMcp.Server.Tests.Tools;

namespace GlmMcp.Server.Tests.Cli;

[Trait("Category", "EndToEnd")]
public sealed class RenderCommandTests
{
    [Fact]
    public async Task Render_writes_a_pixel_exact_png_of_an_html_file()
    {
        using var folder = new TempFolder();
        folder.Write("page.html", RenderPages.RedSquareHtml);

        var run = await CliRun.RunAsync(folder.Path, "render", "--html-file", "page.html", "--out", "shot.png", "--width", "320", "--height", "240");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("320×240", run.Stdout);
        RenderPages.AssertRedSquare(File.ReadAllBytes(folder.File("shot.png")), 320, 240);
    }

    [Fact]
    public async Task Render_with_both_sources_exits_2_saying_to_give_one()
    {
        using var folder = new TempFolder();
        folder.Write("page.html", "<p>x</p>");

        var run = await CliRun.RunAsync(folder.Path, "render", "--html-file", "page.html", "--url", "http://127.0.0.1:9/", "--out", "shot.png");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one of --html-file or --url", run.Stderr);
    }

    [Fact]
    public async Task Render_help_lists_its_options()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "render", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--html-file", "--url", "--out", "--width", "--height", "--full-page" })
            Assert.Contains(option, run.Stdout);
    }

    [Fact]
    public async Task Doctor_fails_with_a_fix_it_line_when_chromium_points_at_a_missing_path()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "doctor", "--chromium", "/no/such/chromium");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("[FAIL] chromium", run.Stdout);
        Assert.Contains("/no/such/chromium", run.Stdout);
        Assert.Contains("fix: ", run.Stdout);
        Assert.Contains("apt-get install -y chromium", run.Stdout);
    }

    [Fact]
    public async Task Doctor_prints_the_chromium_version_it_will_use_and_what_takes_video_frames()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "doctor", "--chromium", "/usr/bin/chromium");

        Assert.Matches(@"\[ok  \] chromium\s+Chromium \d+", run.Stdout);
        // The tests install ffmpeg; Chromium's line for video (its codecs) is VideoDoctorCheckTests'.
        Assert.Matches(@"\[ok  \] video\s+frames taken by ffmpeg \d+\.\d+\S* at /usr/bin/ffmpeg", run.Stdout);
    }
}
