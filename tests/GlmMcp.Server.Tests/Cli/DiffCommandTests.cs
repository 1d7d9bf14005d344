using System.Text.Json;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Cli;

[Trait("Category", "EndToEnd")]
public sealed class DiffCommandTests
{
    [Fact]
    public async Task Diff_exits_1_for_different_images_and_prints_the_tool_json_with_json()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "diff", ImageFixtures.Path("text-before.png"), ImageFixtures.Path("text-after.png"), "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(ImageFixtures.TextPairChangedPixels, json.RootElement.GetProperty("diffPixels").GetInt64());
    }

    [Fact]
    public async Task Diff_exits_0_for_identical_images_and_writes_the_picture_with_out()
    {
        using var folder = new TempFolder();
        var output = folder.File("diff.png");

        var run = await CliRun.RunAsync(folder.Path, "diff", ImageFixtures.Path("text-before.png"), ImageFixtures.Path("text-before.png"), "--out", output);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("identical", run.Stdout);
        Assert.True(new FileInfo(output).Length > 100);
    }

    [Fact]
    public async Task Diff_exits_2_with_the_message_on_bad_input()
    {
        using var folder = new TempFolder();
        var text = folder.Write("notes.png", "not an image");

        var run = await CliRun.RunAsync(folder.Path, "diff", text, ImageFixtures.Path("text-before.png"), "--threshold", "2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'--threshold' must be between 0 and 1", run.Stderr);
    }
}
