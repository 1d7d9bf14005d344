using GlmMcp.Core.Documents;

namespace GlmMcp.Core.Tests.Documents;

/// <summary>How sample times are grouped into runs that one ffmpeg input seeks to once and decodes on through.</summary>
public sealed class FfmpegSeekPlanTests
{
    /// <summary>A minute at 30 frames a second.</summary>
    private static readonly double[] Frames = [.. Enumerable.Range(0, 1800).Select(i => i / 30.0)];

    [Fact]
    public void Times_with_a_key_frame_between_them_each_seek_and_times_within_one_group_of_pictures_share_a_run()
    {
        double[] everyTwoSeconds = [.. Enumerable.Range(0, 30).Select(i => i * 2.0)];

        var runs = FfmpegSeekPlan.Runs(Frames, everyTwoSeconds, [0.5, 0.9, 1.2, 5.5, 5.6, 30.1], lanes: 1);

        Assert.Equal([[0, 1, 2], [3, 4], [5]], runs);
    }

    [Fact]
    public void A_video_with_one_key_frame_is_decoded_once_in_one_run_and_runs_are_split_until_every_core_has_one()
    {
        double[] at = [.. Enumerable.Range(0, 32).Select(i => (i + 0.5) * 60 / 32)];

        var one = FfmpegSeekPlan.Runs(Frames, [0], at, lanes: 1);
        var two = FfmpegSeekPlan.Runs(Frames, [0], at, lanes: 2);
        var many = FfmpegSeekPlan.Runs(Frames, [0], [1, 2, 3], lanes: 4);

        Assert.Equal([Enumerable.Range(0, 32)], one.Select(r => r.AsEnumerable()));
        Assert.Equal([Enumerable.Range(0, 16), Enumerable.Range(16, 16)], two.Select(r => r.AsEnumerable()));
        Assert.Equal([[0], [1], [2]], many);
    }

    [Fact]
    public void Sparse_times_far_apart_each_seek_even_when_key_frames_are_far_apart_too()
    {
        double[] everyTenSeconds = [0, 10, 20, 30, 40, 50];

        var runs = FfmpegSeekPlan.Runs(Frames, everyTenSeconds, [5, 25, 45], lanes: 1);

        Assert.Equal([[0], [1], [2]], runs);
    }
}
