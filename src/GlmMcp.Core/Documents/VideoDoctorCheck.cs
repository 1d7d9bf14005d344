using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Rendering;
using Microsoft.Extensions.Options;
using PuppeteerSharp;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Doctor line for video input: which source takes frames — ffmpeg (its version and path) when one is found, else
/// Chromium's <c>&lt;video&gt;</c> and which codecs it decodes (WebM always, H.264 MP4 only in builds with proprietary
/// codecs) — or why a configured ffmpeg cannot be used.
/// </summary>
internal sealed class VideoDoctorCheck(PageRenderer renderer, IOptions<DocumentOptions> options) : IDoctorCheck
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        FfmpegTools? ffmpeg;
        try
        {
            ffmpeg = FfmpegLocator.Locate(options.Value);
        }
        catch (UserInputException e)
        {
            return [DoctorCheckResult.Fail("video", e.Message,
                $"{FfmpegLocator.InstallHint()}, or set {DocumentOptions.Section}:FrameSource to chromium to take frames with Chromium")];
        }
        return ffmpeg is null
            ? await ChromiumAsync(cancellationToken).ConfigureAwait(false)
            : await FfmpegAsync(ffmpeg, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DoctorCheckResult>> FfmpegAsync(FfmpegTools ffmpeg, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Budget);
        try
        {
            var output = await FfmpegProcess.RunAsync(ffmpeg.Ffmpeg, ["-hide_banner", "-version"], limit.Token).ConfigureAwait(false);
            var words = output.Stdout.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            if (output.ExitCode != 0 || words is not ["ffmpeg", "version", _, ..])
                return [DoctorCheckResult.Fail("video", $"ffmpeg at {ffmpeg.Ffmpeg} does not run (exit code {output.ExitCode})", FixFfmpeg)];
            return [DoctorCheckResult.Ok("video", $"frames taken by ffmpeg {words[2]} at {ffmpeg.Ffmpeg} (ffprobe beside it); Chromium's <video> is the fall back without it")];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [DoctorCheckResult.Fail("video", $"ffmpeg at {ffmpeg.Ffmpeg} did not answer '-version' within {Budget.TotalSeconds:0} s", FixFfmpeg)];
        }
        catch (UserInputException e)
        {
            return [DoctorCheckResult.Fail("video", e.Message, FixFfmpeg)];
        }
    }

    private static string FixFfmpeg => $"reinstall ffmpeg ({FfmpegLocator.InstallHint()}), or set {DocumentOptions.Section}:FrameSource to chromium";

    private async Task<IReadOnlyList<DoctorCheckResult>> ChromiumAsync(CancellationToken cancellationToken)
    {
        try
        {
            var codecs = await renderer.RunOfflineAsync(
                (page, token) => page.EvaluateFunctionAsync<Dictionary<string, string>>(VideoSampler.Codecs).WaitAsync(token),
                Budget, b => new UserInputException($"Chromium did not answer within {b.TotalSeconds:0} s."), cancellationToken).ConfigureAwait(false);
            string Plays(string key) => codecs.GetValueOrDefault(key) is { Length: > 0 } ? "yes" : "no";
            var why = options.Value.FrameSource == FrameSource.Chromium ? $"{DocumentOptions.Section}:FrameSource is chromium" : "no ffmpeg on PATH";
            var detail = $"frames taken by Chromium's <video> ({why}); WebM VP8 {Plays("webm")}, VP9 {Plays("vp9")}, MP4 H.264 {Plays("h264")}";
            return Plays("h264") == "yes"
                ? [DoctorCheckResult.Ok("video", detail)]
                : [DoctorCheckResult.Warn("video", detail + ": this Chromium lacks proprietary codecs",
                    $"{FfmpegLocator.InstallHint()} (frames are then taken by ffmpeg), convert MP4s to WebM ('ffmpeg -i in.mp4 -c:v libvpx-vp9 -an out.webm'), or point --chromium at Google Chrome")];
        }
        catch (Exception e) when (e is UserInputException or PuppeteerException)
        {
            return [DoctorCheckResult.Fail("video", e.Message, "run 'glm-mcp doctor' again once the chromium line is ok")];
        }
    }
}
