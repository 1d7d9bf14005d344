using System.Text.Json;
using GlmMcp.Core.Rendering;
using Microsoft.Extensions.Options;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Takes frames from a video (WebM, MP4) with ffmpeg when one is found (see <see cref="FfmpegLocator"/> and
/// <see cref="FfmpegSampler"/>: it decodes what it was built with, HEVC and AV1 included), else with a
/// <c>&lt;video&gt;</c> element in the Chromium the server already runs, on a tab of the offline context: the video
/// arrives by script as a <c>blob:</c>, each frame is a seek and a draw at the size a plan chooses (see
/// <see cref="TokenBudget"/>). What Chromium decodes is what its build decodes: builds without proprietary codecs play
/// WebM but not H.264 MP4, which is said plainly (Debian 12's <c>chromium</c> 156 plays both).
/// </summary>
public sealed class VideoSampler(PageRenderer renderer, IOptions<DocumentOptions> options)
{
    private const double JpegQuality = 0.85;

    /// <summary>The codec string of baseline H.264, which decides whether common MP4s play.</summary>
    public const string H264 = "video/mp4; codecs=\"avc1.42E01E\"";

    internal const string Codecs = """
        () => {
          const video = document.createElement('video');
          return { webm: video.canPlayType('video/webm; codecs="vp8"'), vp9: video.canPlayType('video/webm; codecs="vp9"'),
                   h264: video.canPlayType('video/mp4; codecs="avc1.42E01E"') };
        }
        """;

    private const string Open = """
        async (type, h264) => {
          const input = window.__input ?? [];
          window.__input = null;
          const video = document.createElement('video');
          video.muted = true;
          video.preload = 'auto';
          window.__video = video;
          window.__seek = (t) => new Promise((resolve) => { video.onseeked = () => resolve(); video.currentTime = t; });
          const canPlay = video.canPlayType(h264);
          const error = await new Promise((resolve) => {
            video.onloadeddata = () => resolve(null);
            video.onerror = () => resolve(video.error ? `${video.error.code} ${video.error.message}` : 'unknown error');
            video.src = URL.createObjectURL(new Blob(input, { type }));
          });
          if (error) return { error, h264: canPlay };
          if (!video.videoWidth) return { error: 'no video track this Chromium can decode', h264: canPlay };
          let duration = video.duration;
          if (!Number.isFinite(duration)) {
            // Recordings (MediaRecorder WebMs) carry no duration: seeking past the end makes the element find it.
            await window.__seek(1e9);
            duration = video.duration;
          }
          return { duration, width: video.videoWidth, height: video.videoHeight };
        }
        """;

    /// <summary>
    /// Takes every frame in one call: <c>lanes</c> video elements on the same blob each seek through a contiguous share
    /// of the times (decoding runs on Chromium's media threads, so they overlap), and each frame is encoded off the
    /// page's thread (<c>OffscreenCanvas.convertToBlob</c>) while the next seek runs.
    /// </summary>
    private const string Frames = """
        async (times, width, height, quality, lanes) => {
          const videos = [window.__video];
          while (videos.length < Math.min(lanes, times.length)) {
            const video = document.createElement('video');
            video.muted = true;
            video.preload = 'auto';
            await new Promise((resolve, reject) => {
              video.onloadeddata = resolve;
              video.onerror = () => reject(new Error('the video did not load a second time'));
              video.src = window.__video.src;
            });
            videos.push(video);
          }
          const seek = (video, t) => new Promise((resolve) => { video.onseeked = () => resolve(); video.currentTime = t; });
          const encode = async (bitmap) => {
            const canvas = new OffscreenCanvas(width, height);
            canvas.getContext('2d', { alpha: false }).drawImage(bitmap, 0, 0, width, height);
            bitmap.close();
            const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
            let text = '';
            for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
            return btoa(text);
          };
          const frames = new Array(times.length);
          const encodes = [];
          await Promise.all(videos.map(async (video, lane) => {
            const from = Math.floor(lane * times.length / videos.length), to = Math.floor((lane + 1) * times.length / videos.length);
            for (let i = from; i < to; i++) {
              await seek(video, times[i]);
              const bitmap = await createImageBitmap(video, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
              encodes.push(encode(bitmap).then((data) => { frames[i] = data; }));
            }
          }));
          await Promise.all(encodes);
          return frames;
        }
        """;

    /// <summary>Video elements seeking at once: decoders run on their own threads, so more cores take more.</summary>
    private static readonly int Lanes = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Opens <paramref name="video"/> (<paramref name="mediaType"/> from <see cref="MediaSniffer.VideoType"/>), asks
    /// <paramref name="times"/> for the frame times given its duration, and <paramref name="plan"/> for the frame size.
    /// </summary>
    /// <exception cref="UserInputException">A video that cannot be decoded, a bad range, too many frames, or too slow.</exception>
    public async Task<SampledVideo> SampleAsync(byte[] video, string mediaType, Func<double, IReadOnlyList<double>> times,
        Func<int, int, int, PlannedImage> plan, IProgress<int>? taken, CancellationToken cancellationToken)
    {
        if (FfmpegLocator.Locate(options.Value) is not { } ffmpeg)
            return await ChromiumAsync(video, mediaType, times, plan, taken, cancellationToken).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.Timeout);
        try
        {
            return await FfmpegSampler.SampleAsync(ffmpeg, video, mediaType, times, plan, taken, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TooSlow(options.Value.Timeout);
        }
    }

    private Task<SampledVideo> ChromiumAsync(byte[] video, string mediaType, Func<double, IReadOnlyList<double>> times,
        Func<int, int, int, PlannedImage> plan, IProgress<int>? taken, CancellationToken cancellationToken)
    {
        return renderer.RunOfflineAsync(async (page, token) =>
        {
            await OfflineBytes.SendAsync(page, video, token).ConfigureAwait(false);
            var opened = await page.EvaluateFunctionAsync<JsonElement>(Open, mediaType, H264).WaitAsync(token).ConfigureAwait(false);
            if (opened.TryGetProperty("error", out var error))
                throw Undecodable(mediaType, error.GetString()!, opened.GetProperty("h264").GetString()!);
            var duration = opened.GetProperty("duration").GetDouble();
            var (width, height) = (opened.GetProperty("width").GetInt32(), opened.GetProperty("height").GetInt32());
            if (!(duration > 0) || !double.IsFinite(duration))
                throw new UserInputException("The video has no length Chromium can read (a live stream or a broken file); save it as a complete WebM or MP4.");
            var chosen = times(duration);
            var size = plan(width, height, chosen.Count);
            // Seeking exactly to the end shows no frame in some builds; the last frame is a hair before it.
            var at = chosen.Select(t => Math.Min(t, Math.Max(0, duration - 0.001))).ToArray();
            var jpegs = await page.EvaluateFunctionAsync<string[]>(Frames, at, size.Width, size.Height, JpegQuality, Lanes).WaitAsync(token).ConfigureAwait(false);
            var frames = chosen.Select((t, i) => new MediaImage(Convert.FromBase64String(jpegs[i]), "image/jpeg", size.Width, size.Height, size.Tokens,
                Seconds: t)).ToList();
            taken?.Report(frames.Count);
            return new SampledVideo(duration, width, height, frames, FrameSource.Chromium);
        }, options.Value.Timeout, TooSlow, cancellationToken);
    }

    private static UserInputException Undecodable(string mediaType, string error, string h264) => new(
        $"This Chromium cannot decode the video ({InputEcho.Truncate(error)})." +
        (mediaType == "video/mp4" && h264.Length == 0
            ? " It is built without proprietary codecs, so H.264 MP4s do not play. Convert the video " +
              "to WebM ('ffmpeg -i in.mp4 -c:v libvpx-vp9 -an out.webm') or point --chromium (GLM_MCP_Rendering__ChromiumPath) at Google Chrome."
            : " Check that the file plays in a browser; if not, convert it to WebM ('ffmpeg -i in -c:v libvpx-vp9 -an out.webm').") +
        $" With ffmpeg installed ({DocumentOptions.Section}:FrameSource auto or ffmpeg), frames are taken by ffmpeg, which decodes H.264, HEVC and AV1.");

    private static UserInputException TooSlow(TimeSpan budget) => new(
        $"Taking frames from the video took longer than {budget.TotalSeconds:0} s ({DocumentOptions.Section}:TimeoutSeconds). " +
        "Take fewer frames ('max_frames'), narrow 'start'/'end', or raise the limit.");
}
