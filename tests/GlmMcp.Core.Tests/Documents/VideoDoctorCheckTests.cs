using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Documents;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Tests.Documents;

/// <summary><c>glm-mcp doctor</c>'s <c>video</c> line: which source takes frames, ffmpeg's version, or why it cannot be used.</summary>
public sealed class VideoDoctorCheckTests(DocumentMediaFixture fixture) : IClassFixture<DocumentMediaFixture>
{
    private async Task<DoctorCheckResult> RunAsync(DocumentOptions options) =>
        Assert.Single(await new VideoDoctorCheck(fixture.Renderer, Options.Create(options)).RunAsync(CancellationToken.None));

    [Fact]
    public async Task With_ffmpeg_installed_the_line_names_ffmpeg_its_version_and_path()
    {
        var line = await RunAsync(new DocumentOptions());

        Assert.Equal(DoctorStatus.Ok, line.Status);
        Assert.Matches(@"^frames taken by ffmpeg \d+\.\d+\S* at /usr/bin/ffmpeg \(ffprobe beside it\)", line.Detail);
    }

    [Fact]
    public async Task Chromium_chosen_by_setting_lists_its_codecs_and_a_missing_ffmpeg_path_fails_with_a_fix()
    {
        var chromium = await RunAsync(new DocumentOptions { FrameSource = FrameSource.Chromium });
        var missing = await RunAsync(new DocumentOptions { FfmpegPath = "/no-such-folder/ffmpeg" });

        Assert.Equal(DoctorStatus.Ok, chromium.Status);
        Assert.Equal("frames taken by Chromium's <video> (Documents:FrameSource is chromium); WebM VP8 yes, VP9 yes, MP4 H.264 yes", chromium.Detail);
        Assert.Equal(DoctorStatus.Failed, missing.Status);
        Assert.StartsWith("Documents:FfmpegPath (GLM_MCP_Documents__FfmpegPath) is /no-such-folder/ffmpeg, which is not an executable file.", missing.Detail);
        Assert.Contains("set Documents:FrameSource to chromium", missing.FixIt);
    }
}
