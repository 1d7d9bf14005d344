using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GlmMcp.Core.Documents;

/// <summary>
/// Takes frames from a video with ffmpeg: the bytes go to a file in a private temp folder (deleted afterwards, whatever
/// happens); one ffprobe reads the length, the display size and where the frames and key frames are; the times are
/// grouped into runs (<see cref="FfmpegSeekPlan"/>), and each run is an ffmpeg input that seeks to its first time
/// (<c>-ss</c> before <c>-i</c>: decoding starts at the key frame before it) and decodes on, each time taking the
/// first frame at or after it (<c>split</c>, <c>trim</c>), the run's frames sharing one scaler to the planned size and
/// one JPEG encoder. One process per core runs at once. The demuxer is forced from the sniffed type and only <c>file:</c> is allowed, so a file cannot make ffmpeg
/// read anything else; arguments are a list, never a built command line.
/// </summary>
internal static partial class FfmpegSampler
{
    /// <summary>Inputs one process opens at most: each holds a decoder and its frames (about 10 MB at 720p).</summary>
    private const int InputsPerProcess = 16;

    /// <summary>ffmpeg's JPEG scale (2 best … 31 worst); 3 is about quality 90.</summary>
    private const string JpegScale = "3";

    /// <summary>ffmpeg processes at once: each decodes on one thread, so more cores take more.</summary>
    private static readonly int Lanes = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>A video's length and display size, and the start times of its frames and key frames (ascending, from its start).</summary>
    private sealed record Probe(double Duration, int Width, int Height, double[] Frames, double[] KeyFrames);

    public static async Task<SampledVideo> SampleAsync(FfmpegTools tools, byte[] video, string mediaType, Func<double, IReadOnlyList<double>> times,
        Func<int, int, int, PlannedImage> plan, IProgress<int>? taken, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("glm-mcp-video-");
        try
        {
            var path = Path.Join(folder.FullName, mediaType == "video/webm" ? "input.webm" : "input.mp4");
            await File.WriteAllBytesAsync(path, video, cancellationToken).ConfigureAwait(false);
            var input = new Input("file:" + path, mediaType == "video/webm" ? "matroska" : "mov");
            var probe = await ProbeAsync(tools, input, cancellationToken).ConfigureAwait(false);
            var chosen = times(probe.Duration);
            var size = plan(probe.Width, probe.Height, chosen.Count);
            var scale = string.Create(CultureInfo.InvariantCulture, $"scale={size.Width}:{size.Height}");
            var at = chosen.Select(t => Math.Min(t, Math.Max(0, probe.Duration - 0.001))).ToArray();
            string Frame(int i) => Path.Join(folder.FullName, string.Create(CultureInfo.InvariantCulture, $"{i:D3}.jpg"));

            var runs = FfmpegSeekPlan.Runs(probe.Frames, probe.KeyFrames, at, Lanes);
            var processes = Math.Max(Math.Min(Lanes, runs.Count), (runs.Count + InputsPerProcess - 1) / InputsPerProcess);
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, processes), new ParallelOptions { MaxDegreeOfParallelism = Lanes, CancellationToken = cancellationToken },
                async (process, token) =>
                {
                    var mine = runs.Take((process + 1) * runs.Count / processes).Skip(process * runs.Count / processes).ToArray();
                    await ExtractAsync(tools, input, [.. mine.Select(run => run.Select(i => (at[i], Frame(i))).ToArray())], scale, token).ConfigureAwait(false);
                    taken?.Report(Interlocked.Add(ref done, mine.Sum(run => run.Length)));
                }).ConfigureAwait(false);

            // A time within the last frame's span has no frame at or after it: those take the video's last frame.
            var missing = Enumerable.Range(0, at.Length).Where(i => !File.Exists(Frame(i))).ToArray();
            if (missing.FirstOrDefault(i => at[i] <= probe.Frames[^1], -1) is var lost and >= 0)
                throw new UserInputException($"ffmpeg decoded no frame at {Timestamp.Format(at[lost])} (a damaged part of the video?). Narrow 'start'/'end' around it, or re-encode the video.");
            if (missing.Length > 0)
                await LastFrameAsync(tools, input, at[missing[0]], scale, [.. missing.Select(Frame)], cancellationToken).ConfigureAwait(false);

            var frames = new List<MediaImage>(at.Length);
            for (var i = 0; i < at.Length; i++)
            {
                frames.Add(new MediaImage(await File.ReadAllBytesAsync(Frame(i), cancellationToken).ConfigureAwait(false), "image/jpeg",
                    size.Width, size.Height, size.Tokens, Seconds: chosen[i]));
            }
            return new SampledVideo(probe.Duration, probe.Width, probe.Height, frames, FrameSource.Ffmpeg);
        }
        finally
        {
            Delete(folder);
        }
    }

    private sealed record Input(string Url, string Format);

    private static async Task<Probe> ProbeAsync(FfmpegTools tools, Input input, CancellationToken cancellationToken)
    {
        var output = await FfmpegProcess.RunAsync(tools.Ffprobe,
        [
            "-v", "error", "-protocol_whitelist", "file", "-f", input.Format, "-select_streams", "v:0",
            "-show_entries", "format=duration,start_time:stream=width,height,sample_aspect_ratio:stream_side_data=rotation:packet=pts_time,duration_time,flags",
            "-of", "json", input.Url,
        ], cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
            throw Unreadable(output.Stderr, input);
        using var json = JsonDocument.Parse(output.Stdout);
        var streams = json.RootElement.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
        if (streams.Count == 0 || !streams[0].TryGetProperty("width", out var w) || !streams[0].TryGetProperty("height", out var h))
            throw new UserInputException("ffmpeg finds no video track in the file (audio only, or a broken file). Check that it plays in a video player.");
        double width = w.GetInt32(), height = h.GetInt32();
        if (streams[0].TryGetProperty("sample_aspect_ratio", out var sar) && Ratio(sar.GetString()) is { } stretch)
            width *= stretch;
        if (streams[0].TryGetProperty("side_data_list", out var sides)
            && sides.EnumerateArray().Any(s => s.TryGetProperty("rotation", out var r) && Math.Abs(r.GetDouble()) % 180 == 90))
            (width, height) = (height, width);

        var format = json.RootElement.TryGetProperty("format", out var f) ? f : default;
        var start = Number(format, "start_time") ?? 0;
        var packets = (json.RootElement.TryGetProperty("packets", out var p) ? p.EnumerateArray().ToList() : [])
            .Select(packet => (At: Number(packet, "pts_time") - start, Length: Number(packet, "duration_time") ?? 0,
                Key: packet.TryGetProperty("flags", out var flags) && flags.GetString()!.Contains('K', StringComparison.Ordinal)))
            .Where(packet => packet.At is not null)
            .Select(packet => (At: packet.At!.Value, packet.Length, packet.Key))
            .OrderBy(packet => packet.At)
            .ToArray();
        if (packets.Length == 0)
            throw new UserInputException("ffmpeg finds no video frames in the file (an empty or broken file). Check that it plays in a video player.");
        // Recordings (MediaRecorder WebMs) carry no duration: the end of the last video packet is the length.
        var duration = Number(format, "duration") ?? packets.Max(packet => packet.At + packet.Length);
        if (!(duration > 0))
            throw new UserInputException("The video has no length ffmpeg can read (a live stream or a broken file); save it as a complete WebM or MP4.");
        return new Probe(duration, (int)Math.Round(width), (int)Math.Round(height),
            [.. packets.Select(packet => packet.At)], [.. packets.Where(packet => packet.Key).Select(packet => packet.At)]);
    }

    /// <summary>
    /// One process: an input per run, seeking to the run's first time; for each time of the run a branch keeps the
    /// first frame at or after it (times relative to the seek, where the input's timestamps start), and the branches,
    /// in time order, share one scaler and one JPEG encoder. A time past the last frame leaves its file (and those of
    /// the later times of the run) unwritten.
    /// </summary>
    private static async Task ExtractAsync(FfmpegTools tools, Input input, IReadOnlyList<(double At, string File)[]> runs, string scale,
        CancellationToken cancellationToken)
    {
        List<string> arguments = ["-nostdin", "-hide_banner", "-v", "error", "-filter_complex_threads", "1", "-protocol_whitelist", "file"];
        foreach (var run in runs)
            arguments.AddRange(["-threads", "1", "-ss", Seconds(run[0].At), "-f", input.Format, "-i", input.Url]);
        List<string> outputs = [];
        for (var k = 0; k < runs.Count; k++)
        {
            var run = runs[k];
            var graph = new StringBuilder().Append(CultureInfo.InvariantCulture, $"[{k}:v]split={run.Length}");
            for (var j = 0; j < run.Length; j++)
                graph.Append(CultureInfo.InvariantCulture, $"[s{k}_{j}]");
            for (var j = 0; j < run.Length; j++)
                graph.Append(CultureInfo.InvariantCulture, $";[s{k}_{j}]trim=start={Seconds(run[j].At - run[0].At)},trim=end_frame=1,settb=1,setpts={j}[t{k}_{j}]");
            graph.Append(';');
            for (var j = 0; j < run.Length; j++)
                graph.Append(CultureInfo.InvariantCulture, $"[t{k}_{j}]");
            graph.Append(CultureInfo.InvariantCulture, $"interleave=nb_inputs={run.Length},{scale}[out{k}]");
            arguments.AddRange(["-filter_complex", graph.ToString()]);
            outputs.AddRange(["-map", string.Create(CultureInfo.InvariantCulture, $"[out{k}]"), "-vsync", "passthrough", "-threads", "1",
                "-q:v", JpegScale, "-start_number", "0", "-f", "image2", Numbered(run[0].File).Replace("%", "%%", StringComparison.Ordinal) + "-%03d.jpg"]);
        }
        var output = await FfmpegProcess.RunAsync(tools.Ffmpeg, [.. arguments, .. outputs], cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
            throw Unreadable(output.Stderr, input);
        foreach (var run in runs)
        {
            for (var j = 0; j < run.Length; j++)
            {
                var written = Numbered(run[0].File) + string.Create(CultureInfo.InvariantCulture, $"-{j:D3}.jpg");
                if (File.Exists(written))
                    File.Move(written, run[j].File);
            }
        }
    }

    /// <summary>Where a run's numbered pictures go: beside its first frame's file, named after it.</summary>
    private static string Numbered(string firstFile) => Path.ChangeExtension(firstFile, null) + "-run";

    /// <summary>Decodes from a second before <paramref name="from"/> to the end, keeping the last picture, for each of <paramref name="files"/>.</summary>
    private static async Task LastFrameAsync(FfmpegTools tools, Input input, double from, string scale, IReadOnlyList<string> files,
        CancellationToken cancellationToken)
    {
        var output = await FfmpegProcess.RunAsync(tools.Ffmpeg,
        [
            "-nostdin", "-hide_banner", "-v", "error", "-protocol_whitelist", "file", "-ss", Seconds(Math.Max(0, from - 1)),
            "-f", input.Format, "-i", input.Url, "-map", "0:v:0", "-vf", scale, "-q:v", JpegScale, "-update", "1", files[0],
        ], cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
            throw Unreadable(output.Stderr, input);
        if (!File.Exists(files[0]))
            throw new UserInputException($"ffmpeg found no frame at {Timestamp.Format(from)} or after it; the video may be cut short. Narrow 'end'.");
        foreach (var file in files.Skip(1))
            File.Copy(files[0], file);
    }

    /// <summary>ffmpeg's own words, without its internal prefixes and with the temp file called "the video".</summary>
    private static UserInputException Unreadable(string stderr, Input input)
    {
        var said = string.Join("; ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => Prefix().Replace(line, "").Replace(input.Url, "the video", StringComparison.Ordinal))
            .Distinct());
        return new UserInputException($"ffmpeg cannot read the video ({InputEcho.Truncate(said.Length == 0 ? "no reason given" : said)}). " +
            "Check that the file plays in a video player; if it is damaged, re-encode it ('ffmpeg -i in -c:v libvpx-vp9 -an out.webm').");
    }

    [GeneratedRegex(@"^\[[^\]]+ @ 0x[0-9a-f]+\]\s*")]
    private static partial Regex Prefix();

    private static double? Ratio(string? text)
    {
        var parts = (text ?? "").Split(':');
        return parts.Length == 2 && Parse(parts[0]) is { } a && Parse(parts[1]) is { } b && a > 0 && b > 0 ? a / b : null;
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Parse(value.GetString()) : null;

    private static double? Parse(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string Seconds(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing else can be done here; the folder holds only this call's copy and frames.
        }
    }
}
