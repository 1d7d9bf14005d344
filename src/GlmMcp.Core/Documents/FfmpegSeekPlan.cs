namespace GlmMcp.Core.Documents;

/// <summary>
/// Groups a video's sample times into runs, each decoded by one ffmpeg input that seeks to the run's first time and
/// decodes on through the rest: a time starts a new run when seeking to the key frame before it decodes fewer frames
/// than going on from the previous time (so sparse samples each seek, and dense ones, or videos with few key frames
/// such as MediaRecorder's, decode each frame once). Runs are then split until every core has one.
/// </summary>
internal static class FfmpegSeekPlan
{
    /// <summary>Decoding this many frames costs about as much as one more input (opening, seeking, a decoder).</summary>
    internal const int SeekFrames = 15;

    /// <summary>
    /// Runs of indices into <paramref name="at"/> (ascending times), each ascending and together covering every index
    /// in order, given the start times of the video's <paramref name="frames"/> and <paramref name="keyFrames"/>
    /// (ascending, from the video's start).
    /// </summary>
    public static IReadOnlyList<int[]> Runs(double[] frames, double[] keyFrames, IReadOnlyList<double> at, int lanes)
    {
        if (at.Count == 0)
            return [];
        var runs = new List<List<int>> { new() { 0 } };
        for (var k = 1; k < at.Count; k++)
        {
            var onward = AtMost(frames, at[k]) - AtMost(frames, at[k - 1]);
            var fresh = Decoded(frames, keyFrames, at[k], at[k]) + SeekFrames;
            if (fresh < onward)
                runs.Add([k]);
            else
                runs[^1].Add(k);
        }
        while (runs.Count < lanes && runs.Where(r => r.Count > 1).MaxBy(r => Decoded(frames, keyFrames, at[r[0]], at[r[^1]])) is { } costliest)
        {
            var index = runs.IndexOf(costliest);
            var half = costliest.Count / 2;
            runs[index] = costliest[..half];
            runs.Insert(index + 1, costliest[half..]);
        }
        return [.. runs.Select(r => r.ToArray())];
    }

    /// <summary>Frames decoded to show <paramref name="to"/> after seeking to <paramref name="from"/>: from the key frame before it.</summary>
    private static int Decoded(double[] frames, double[] keyFrames, double from, double to)
    {
        var key = AtMost(keyFrames, from) is var keys and > 0 ? keyFrames[keys - 1] : 0;
        return AtMost(frames, to) - AtMost(frames, key) + 1;
    }

    /// <summary>How many of the ascending <paramref name="times"/> are at or before <paramref name="t"/>.</summary>
    private static int AtMost(double[] times, double t)
    {
        int low = 0, high = times.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (times[mid] <= t)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
