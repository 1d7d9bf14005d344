using System.Text;
using GlmMcp.Core.Documents;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace GlmMcp.Core.Tests.Documents;

/// <summary>
/// Frames taken by the machine's real ffmpeg and by Chromium's <c>&lt;video&gt;</c> from real videos (recorded by
/// Chromium's MediaRecorder or encoded by ffmpeg): order, times, content, the fall back and the choice of source,
/// codecs only ffmpeg decodes, broken input, and what a timeout or a cancel leaves behind (no process, no temp folder).
/// </summary>
public sealed class VideoSamplerTests(DocumentMediaFixture fixture) : IClassFixture<DocumentMediaFixture>
{
    private static readonly Func<int, int, int, PlannedImage> Small = (_, _, _) => new PlannedImage(224, 168, 48);

    private VideoSampler Sampler(DocumentOptions options) => new(fixture.Renderer, Options.Create(options));

    private static Func<double, IReadOnlyList<double>> Fps(double fps) => d => FrameTimes.Choose(d, null, null, fps, null, 128);

    [Theory]
    [InlineData(FrameSource.Ffmpeg)]
    [InlineData(FrameSource.Chromium)]
    public async Task Both_sources_take_the_frames_of_a_recording_in_time_order_each_showing_its_moment(FrameSource source)
    {
        var webm = await fixture.Media.VideoAsync(3.4);

        var video = await Sampler(new DocumentOptions { FrameSource = source }).SampleAsync(webm, "video/webm", Fps(1), Small, null, CancellationToken.None);

        Assert.Equal(source, video.Source);
        // A MediaRecorder WebM has no duration in its header: ffmpeg reads it from the last packet, Chromium by seeking.
        Assert.InRange(video.DurationSeconds, 3.0, 3.7);
        Assert.Equal((320, 240), (video.Width, video.Height));
        Assert.Equal([0d, 1d, 2d, 3d], video.Frames.Select(f => f.Seconds!.Value));
        Assert.All(video.Frames, f => Assert.Equal(("image/jpeg", 224, 168), (f.MediaType, Size(f.Data).Width, Size(f.Data).Height)));
        // The hue turns 90° a second: red at 0 s, yellow-green at 1 s, cyan at 2 s, violet at 3 s.
        var colours = video.Frames.Select(f => TestMedia.CornerColour(f.Data)).ToList();
        Assert.True(colours[0].Red > colours[0].Blue + 60, $"0 s is red: {colours[0]}");
        Assert.True(colours[1].Green > colours[1].Blue + 60, $"1 s is yellow-green: {colours[1]}");
        Assert.True(colours[2].Blue > colours[2].Red + 60, $"2 s is cyan: {colours[2]}");
        Assert.True(colours[3].Blue > colours[3].Green + 60, $"3 s is violet: {colours[3]}");
    }

    [Fact]
    public async Task An_hevc_mp4_that_this_chromium_cannot_decode_is_sampled_by_ffmpeg_with_exact_times()
    {
        var hevc = await FfmpegMedia.VideoAsync(2, "mp4", ["-c:v", "libx265", "-x265-params", "log-level=error"]);

        var video = await Sampler(new DocumentOptions()).SampleAsync(hevc, "video/mp4", d => [0.2, 1.2, 1.9], Small, null, CancellationToken.None);
        var chromium = await Assert.ThrowsAsync<UserInputException>(() =>
            Sampler(new DocumentOptions { FrameSource = FrameSource.Chromium }).SampleAsync(hevc, "video/mp4", d => [0.2], Small, null, CancellationToken.None));

        Assert.Equal(FrameSource.Ffmpeg, video.Source);
        Assert.Equal(2.0, video.DurationSeconds, 2);
        Assert.Equal([0.2, 1.2, 1.9], video.Frames.Select(f => f.Seconds!.Value));
        var colours = video.Frames.Select(f => TestMedia.CornerColour(f.Data)).ToList();
        Assert.True(colours[0].Red > colours[0].Green + 60 && colours[0].Red > colours[0].Blue + 60, $"0.2 s is red-orange: {colours[0]}");
        Assert.True(colours[1].Green > colours[1].Red + 60, $"1.2 s is green: {colours[1]}");
        Assert.True(colours[2].Blue > colours[2].Red + 60, $"1.9 s is cyan: {colours[2]}");
        Assert.StartsWith("This Chromium cannot decode the video", chromium.Message);
        Assert.Contains("frames are taken by ffmpeg", chromium.Message);
    }

    [Fact]
    public async Task A_time_within_the_last_frame_takes_the_last_frame()
    {
        var webm = await FfmpegMedia.VideoAsync(2, "webm", ["-c:v", "libvpx", "-b:v", "500k"]);

        var video = await Sampler(new DocumentOptions()).SampleAsync(webm, "video/webm", d => [0.5, d - 0.0001], Small, null, CancellationToken.None);

        Assert.Equal(2, video.Frames.Count);
        var last = TestMedia.CornerColour(video.Frames[1].Data);
        Assert.True(last.Blue > last.Red + 60 && last.Green > last.Red + 60, $"the last frame, near 2 s, is cyan: {last}");
    }

    [Fact]
    public async Task A_rotated_mp4_gives_upright_frames_at_its_display_size()
    {
        var mp4 = await FfmpegMedia.VideoAsync(1, "mp4", ["-c:v", "libx264"], ["-metadata:s:v:0", "rotate=90"]);

        var video = await Sampler(new DocumentOptions()).SampleAsync(mp4, "video/mp4", d => [0.5], (w, h, _) => new PlannedImage(w / 2, h / 2, 48), null,
            CancellationToken.None);

        Assert.Equal((240, 320), (video.Width, video.Height));
        Assert.Equal((120, 160), Size(video.Frames[0].Data));
    }

    [Fact]
    public async Task Garbage_claiming_to_be_an_mp4_is_a_clear_error_naming_ffmpeg_and_not_the_temp_file()
    {
        byte[] mp4 = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8, .. Enumerable.Repeat((byte)0x5A, 4000)];

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Sampler(new DocumentOptions()).SampleAsync(mp4, "video/mp4", Fps(1), Small, null, CancellationToken.None));

        Assert.StartsWith("ffmpeg cannot read the video (", error.Message);
        Assert.Contains("moov atom not found", error.Message);
        Assert.DoesNotContain("glm-mcp-video-", error.Message);
    }

    [Fact]
    public async Task Auto_takes_frames_with_chromium_when_no_ffmpeg_is_on_path_and_an_explicit_ffmpeg_that_is_missing_is_an_error()
    {
        var missing = Path.Join(Path.GetTempPath(), "no-such-folder", "ffmpeg");

        Assert.Null(FfmpegLocator.Locate(new DocumentOptions(), "/no-such-folder:relative/bin"));
        Assert.Null(FfmpegLocator.Locate(new DocumentOptions { FrameSource = FrameSource.Chromium, FfmpegPath = FfmpegMedia.Ffmpeg }, "/usr/bin"));
        Assert.Equal(new FfmpegTools("/usr/bin/ffmpeg", "/usr/bin/ffprobe"), FfmpegLocator.Locate(new DocumentOptions(), "/no-such-folder:/usr/bin"));
        var required = Assert.Throws<UserInputException>(() => FfmpegLocator.Locate(new DocumentOptions { FrameSource = FrameSource.Ffmpeg }, "/no-such-folder"));
        var explicitPath = await Assert.ThrowsAsync<UserInputException>(() =>
            Sampler(new DocumentOptions { FfmpegPath = missing }).SampleAsync([0x1A, 0x45, 0xDF, 0xA3], "video/webm", Fps(1), Small, null, CancellationToken.None));

        Assert.StartsWith("Documents:FrameSource is ffmpeg, but no ffmpeg is on PATH.", required.Message);
        Assert.Equal($"Documents:FfmpegPath (GLM_MCP_Documents__FfmpegPath) is {missing}, which is not an executable file. " +
            "Fix the path, or unset it to look for ffmpeg on PATH.", explicitPath.Message);
    }

    [Fact]
    public async Task The_temp_folder_is_removed_after_frames_are_taken_and_after_ffmpeg_fails_which_is_an_error_in_its_words()
    {
        using var working = FakeFfmpeg.Create("exec /usr/bin/ffmpeg \"$@\"");
        using var failing = FakeFfmpeg.Create("echo '[matroska,webm @ 0x55d0c0ffee00] Decoder went on strike' >&2; exit 1");
        var webm = await FfmpegMedia.VideoAsync(1, "webm", ["-c:v", "libvpx"]);

        var video = await Sampler(new DocumentOptions { FfmpegPath = working.Ffmpeg }).SampleAsync(webm, "video/webm", d => [0.1, 0.6], Small, null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Sampler(new DocumentOptions { FfmpegPath = failing.Ffmpeg }).SampleAsync(webm, "video/webm", d => [0.1], Small, null, CancellationToken.None));

        Assert.Equal(2, video.Frames.Count);
        Assert.StartsWith("ffmpeg cannot read the video (Decoder went on strike).", error.Message);
        Assert.All((string[])[.. working.InputFolders(), .. failing.InputFolders()], folder => Assert.False(Directory.Exists(folder), $"{folder} is left behind"));
        Assert.Single(working.InputFolders());
        Assert.Single(failing.InputFolders());
    }

    [Fact]
    public async Task A_timeout_kills_ffmpeg_and_what_it_started_removes_the_temp_folder_and_names_the_setting()
    {
        using var tools = FakeFfmpeg.Create($"sleep {FakeFfmpeg.Marker} & wait");
        var webm = await FfmpegMedia.VideoAsync(1, "webm", ["-c:v", "libvpx"]);

        var error = await Assert.ThrowsAsync<UserInputException>(() =>
            Sampler(new DocumentOptions { FfmpegPath = tools.Ffmpeg, TimeoutSeconds = 2 }).SampleAsync(webm, "video/webm", Fps(1), Small, null, CancellationToken.None));

        Assert.StartsWith("Taking frames from the video took longer than 2 s (Documents:TimeoutSeconds).", error.Message);
        Assert.Empty(FakeFfmpeg.Running(FakeFfmpeg.Marker));
        Assert.Empty(FakeFfmpeg.Running(tools.Folder));
        var folder = Assert.Single(tools.InputFolders());
        Assert.False(Directory.Exists(folder), $"{folder} is left behind");
    }

    [Fact]
    public async Task Cancelling_kills_ffmpeg_and_what_it_started()
    {
        using var tools = FakeFfmpeg.Create($"sleep {FakeFfmpeg.Marker} & wait");
        var webm = await FfmpegMedia.VideoAsync(1, "webm", ["-c:v", "libvpx"]);
        using var cancel = new CancellationTokenSource();

        var sampling = Sampler(new DocumentOptions { FfmpegPath = tools.Ffmpeg }).SampleAsync(webm, "video/webm", Fps(1), Small, null, cancel.Token);
        while (FakeFfmpeg.Running(FakeFfmpeg.Marker).Count == 0)
            await Task.Delay(20);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sampling);
        Assert.Empty(FakeFfmpeg.Running(FakeFfmpeg.Marker));
        Assert.False(Directory.Exists(Assert.Single(tools.InputFolders())));
    }


    private static (int Width, int Height) Size(byte[] jpeg)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        return (bitmap.Width, bitmap.Height);
    }

    /// <summary>
    /// An <c>ffmpeg</c> shell script (with the real ffprobe linked beside it) that logs its arguments and runs
    /// <c>body</c>: the real ffmpeg, or a <c>sleep</c> child that never ends by itself.
    /// </summary>
    private sealed class FakeFfmpeg : IDisposable
    {
        /// <summary>A sleep length no other process on the machine uses, to find the child by its command line.</summary>
        public static readonly string Marker = $"86399.{Random.Shared.Next(100_000, 999_999)}";

        private FakeFfmpeg(string folder) => Folder = folder;

        public string Folder { get; }

        public string Ffmpeg => Path.Join(Folder, "ffmpeg");

        public static FakeFfmpeg Create(string body)
        {
            var tools = new FakeFfmpeg(Directory.CreateTempSubdirectory("glm-mcp-fake-ffmpeg-").FullName);
            File.WriteAllText(tools.Ffmpeg, $"#!/bin/sh\necho \"$@\" >> '{tools.Folder}/arguments'\n{body}\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(tools.Ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(Path.Join(tools.Folder, "ffprobe"), "/usr/bin/ffprobe");
            return tools;
        }

        /// <summary>The temp folders of the videos ffmpeg was given, one per sample, from its logged arguments.</summary>
        public IReadOnlyList<string> InputFolders()
        {
            var log = Path.Join(Folder, "arguments");
            return !File.Exists(log)
                ? []
                : [.. File.ReadAllLines(log).SelectMany(l => l.Split(' ')).Where(a => a.StartsWith("file:", StringComparison.Ordinal))
                    .Select(a => Path.GetDirectoryName(a["file:".Length..])!).Distinct()];
        }

        /// <summary>Process ids whose command line contains <paramref name="text"/>.</summary>
        public static IReadOnlyList<int> Running(string text) =>
            [.. Directory.EnumerateDirectories("/proc").Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
                .Where(p => p.Pid > 0 && CommandLine(p.Dir).Contains(text, StringComparison.Ordinal)).Select(p => p.Pid)];

        private static string CommandLine(string dir)
        {
            try
            {
                return Encoding.UTF8.GetString(File.ReadAllBytes(Path.Join(dir, "cmdline"))).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return "";
            }
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
