using GlmMcp.Core.Documents;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Tests.Documents;

/// <summary>What to draw and at what size: page selections, frame times, the token budget, timestamps and input kinds.</summary>
public sealed class DocumentPlanningTests
{
    [Fact]
    public void A_page_selection_keeps_the_order_given_and_each_page_once()
    {
        Assert.Equal([1, 2, 3, 9, 4], PageSelection.Parse("1-3, 9,2-4", 10, 100));
        Assert.Equal([1, 2, 3], PageSelection.Parse(null, 3, 100));
    }

    [Theory]
    [InlineData("1-", "write page numbers from 1 and ranges")]
    [InlineData("0", "write page numbers from 1 and ranges")]
    [InlineData("5-2", "runs backwards; write it as \"2-5\"")]
    [InlineData("1-11", "asks for page 11, but the PDF has 10 pages")]
    [InlineData("1-10,1-10", "")]
    public void A_bad_page_selection_says_what_is_wrong(string selection, string message)
    {
        if (message.Length == 0)
        {
            Assert.Equal(10, PageSelection.Parse(selection, 10, 10).Count);
            return;
        }
        Assert.Contains(message, Assert.Throws<UserInputException>(() => PageSelection.Parse(selection, 10, 100)).Message);
    }

    [Fact]
    public void Selecting_more_pages_than_the_limit_names_the_setting()
    {
        var error = Assert.Throws<UserInputException>(() => PageSelection.Parse("1-150", 200, 100));

        Assert.Contains("more than 100 pages", error.Message);
        Assert.Contains("Documents:MaxPages", error.Message);
    }

    [Fact]
    public void Frame_times_follow_fps_from_the_start_or_spread_max_frames_evenly_over_the_range()
    {
        Assert.Equal([10, 10.5, 11, 11.5], FrameTimes.Choose(60, 10, 12, 2, null, 128));
        Assert.Equal([15, 25, 35, 45], FrameTimes.Choose(60, 10, 50, null, 4, 128));
        // Default: one a second, at most 32.
        Assert.Equal(3, FrameTimes.Choose(2.5, null, null, null, null, 128).Count);
        Assert.Equal(FrameTimes.DefaultFrames, FrameTimes.Choose(3600, null, null, null, null, 128).Count);
        // An end past the video is the video's end.
        Assert.Equal([0, 1, 2], FrameTimes.Choose(3, null, 100, 1, null, 128));
    }

    [Fact]
    public void Frame_limits_and_ranges_are_refused_with_what_to_change()
    {
        Assert.Contains("is 600 frames; one call sends at most 128 (Documents:MaxFrames). Lower 'fps'",
            Assert.Throws<UserInputException>(() => FrameTimes.Choose(600, null, null, 1, null, 128)).Message);
        Assert.Contains("'max_frames' must be between 1 and 128",
            Assert.Throws<UserInputException>(() => FrameTimes.Choose(600, null, null, null, 129, 128)).Message);
        Assert.Contains("'end' (5 s) must come after 'start' (8 s)",
            Assert.Throws<UserInputException>(() => FrameTimes.Choose(60, 8, 5, null, null, 128)).Message);
        Assert.Contains("'fps' must be above 0",
            Assert.Throws<UserInputException>(() => FrameTimes.Choose(60, null, null, 0, null, 128)).Message);
    }

    [Fact]
    public void Pages_are_drawn_on_the_grid_at_the_longest_side_until_they_must_share_the_context()
    {
        var one = TokenBudget.Plan([(595, 842)], 1, 1280, 256, 100, 8192, "page", "fewer");
        var many = TokenBudget.Plan([.. Enumerable.Repeat((595.0, 842.0), 100)], 100, 1280, 256, 2000, 4096, "page", "fewer");

        Assert.Equal(new PlannedImage(896, 1260, 1440), one.Single());
        Assert.All(many, p => Assert.True(p.Width % GlmImageGrid.Factor == 0 && p.Height % GlmImageGrid.Factor == 0));
        Assert.True(many.Sum(p => p.Tokens) + 2000 + 4096 <= TokenBudget.ContextTokens);
        Assert.True(many[0].Tokens >= 1000, $"each of 100 pages still gets most of its share: {many[0]}");
    }

    [Fact]
    public void A_budget_that_leaves_images_below_the_readable_minimum_is_refused_naming_the_numbers()
    {
        var error = Assert.Throws<UserInputException>(() =>
            TokenBudget.Plan([.. Enumerable.Repeat((1280.0, 720.0), 128)], 128, 896, 256, 1000, 100_000, "frame", "Take fewer frames"));

        Assert.Equal("128 frames at the smallest readable size (256 tokens each, Documents:MinTokensPerImage) plus the answer budget " +
                     "(100,000 tokens) and the prompt (about 1,000) do not fit GLM-4.6V's 131,072-token context. Take fewer frames, or lower 'max_tokens'.",
            error.Message);
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(151, "02:31")]
    [InlineData(1.5, "00:01.5")]
    [InlineData(3751.04, "1:02:31")]
    public void Timestamps_read_as_people_write_them(double seconds, string text) => Assert.Equal(text, Timestamp.Format(seconds));

    [Fact]
    public void Pdfs_and_videos_are_told_from_images_by_their_first_bytes()
    {
        Assert.Equal(MediaKind.Pdf, MediaSniffer.Detect("%PDF-1.7\n"u8));
        Assert.Equal(MediaKind.Video, MediaSniffer.Detect([0x1A, 0x45, 0xDF, 0xA3, 0x01]));
        Assert.Equal("video/mp4", MediaSniffer.VideoType([0, 0, 0, 0x20, .. "ftypisom"u8]));
        Assert.Equal(MediaKind.Image, MediaSniffer.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
    }
}
