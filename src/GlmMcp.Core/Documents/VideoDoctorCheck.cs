using GlmMcp.Core.Diagnostics;
using GlmMcp.Core.Rendering;
using PuppeteerSharp;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Doctor line for video input: frames are taken by Chromium's <c>&lt;video&gt;</c> (the server does not use ffmpeg),
/// and which codecs this Chromium decodes — WebM always, H.264 MP4 only in builds with proprietary codecs.
/// </summary>
internal sealed class VideoDoctorCheck(PageRenderer renderer) : IDoctorCheck
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<DoctorCheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var codecs = await renderer.RunOfflineAsync(
                (page, token) => page.EvaluateFunctionAsync<Dictionary<string, string>>(VideoSampler.Codecs).WaitAsync(token),
                Budget, b => new UserInputException($"Chromium did not answer within {b.TotalSeconds:0} s."), cancellationToken).ConfigureAwait(false);
            string Plays(string key) => codecs.GetValueOrDefault(key) is { Length: > 0 } ? "yes" : "no";
            var detail = $"frames taken by Chromium's <video> (ffmpeg is not used); WebM VP8 {Plays("webm")}, VP9 {Plays("vp9")}, MP4 H.264 {Plays("h264")}";
            return Plays("h264") == "yes"
                ? [DoctorCheckResult.Ok("video", detail)]
                : [DoctorCheckResult.Warn("video", detail + ": this Chromium lacks proprietary codecs",
                    "convert MP4s to WebM ('ffmpeg -i in.mp4 -c:v libvpx-vp9 -an out.webm'), or point --chromium at Google Chrome")];
        }
        catch (Exception e) when (e is UserInputException or PuppeteerException)
        {
            return [DoctorCheckResult.Fail("video", e.Message, "run 'glm-mcp doctor' again once the chromium line is ok")];
        }
    }
}
