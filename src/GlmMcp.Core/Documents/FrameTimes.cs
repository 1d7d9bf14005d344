using System.Globalization;

namespace GlmMcp.Core.Documents;

/// <summary>Chooses the times at which frames are taken from a video, from <c>fps</c>, <c>max_frames</c> and a time range.</summary>
public static class FrameTimes
{
    /// <summary>Frames taken when neither <c>fps</c> nor <c>max_frames</c> is given: one a second, at most this many.</summary>
    public const int DefaultFrames = 32;

    public const double MaxFps = 30;

    /// <summary>
    /// The times, in seconds and ascending, within [<paramref name="start"/>, <paramref name="end"/>) of a video of
    /// <paramref name="duration"/> seconds: every 1/<paramref name="fps"/> seconds from the start, thinned evenly to
    /// <paramref name="maxFrames"/>; or <paramref name="maxFrames"/> (default: one a second, up to
    /// <see cref="DefaultFrames"/>) spread evenly, each in the middle of its share of the range.
    /// </summary>
    /// <exception cref="UserInputException">A range outside the video, or more frames than <paramref name="limit"/>.</exception>
    public static IReadOnlyList<double> Choose(double duration, double? start, double? end, double? fps, int? maxFrames, int limit)
    {
        if (fps is { } rate && !(rate > 0 && rate <= MaxFps))
            throw new UserInputException($"'fps' must be above 0 and at most {MaxFps}, got {rate.ToString(CultureInfo.InvariantCulture)}.");
        if (maxFrames is < 1 || maxFrames > limit)
            throw new UserInputException(
                $"'max_frames' must be between 1 and {limit} ({DocumentOptions.Section}:MaxFrames), got {maxFrames}. Sample a shorter range with 'start' and 'end' for more detail.");
        var from = start ?? 0;
        var to = Math.Min(end ?? duration, duration);
        if (from < 0 || end is < 0)
            throw new UserInputException("'start' and 'end' are seconds from the beginning of the video and cannot be negative.");
        if (from >= duration)
            throw new UserInputException($"'start' is {Seconds(from)} s, but the video lasts {Seconds(duration)} s ({Timestamp.Format(duration)}).");
        if (to <= from)
            throw new UserInputException($"'end' ({Seconds(end ?? duration)} s) must come after 'start' ({Seconds(from)} s).");
        var span = to - from;

        if (fps is { } perSecond)
        {
            var count = Math.Max(1, (int)Math.Ceiling(span * perSecond - 1e-9));
            if (maxFrames is null && count > limit)
                throw new UserInputException(
                    $"'fps' {perSecond.ToString(CultureInfo.InvariantCulture)} over {Seconds(span)} s is {count} frames; one call sends at most {limit} " +
                    $"({DocumentOptions.Section}:MaxFrames). Lower 'fps', narrow 'start'/'end', or set 'max_frames' to thin them evenly.");
            var times = Enumerable.Range(0, count).Select(i => from + i / perSecond).ToArray();
            if (maxFrames is { } most && count > most)
                times = [.. Enumerable.Range(0, most).Select(i => times[(int)((long)i * count / most)])];
            return times;
        }
        var frames = maxFrames ?? Math.Min(DefaultFrames, Math.Max(1, (int)Math.Ceiling(span)));
        return [.. Enumerable.Range(0, frames).Select(i => from + (i + 0.5) * span / frames)];
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
