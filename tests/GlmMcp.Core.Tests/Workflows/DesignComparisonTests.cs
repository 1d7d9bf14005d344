using GlmMcp.Core.Workflows.Eval;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class DesignComparisonTests
{
    private static readonly (int, int) Page = (1000, 800);

    private static readonly TextBlock[] Reference =
    [
        new("Ship dashboards your team reads", 100, 100, 400, 40, 15, 23, 42),
        new("Start free trial", 100, 200, 150, 20, 255, 255, 255),
        new("Live reports", 600, 400, 100, 20, 15, 23, 42),
    ];

    [Fact]
    public void Equal_texts_are_1_similar_and_texts_with_nothing_in_common_0()
    {
        Assert.Equal(1, DesignComparison.Similarity("Start free trial", "Start free trial"));
        Assert.Equal(0, DesignComparison.Similarity("Start free trial", "xyz"));
        // The longest common subsequence is "Sign " (5 of 7 + 7 characters).
        Assert.Equal(2.0 * 5 / 14, DesignComparison.Similarity("Sign up", "Sign in"), 6);
    }

    [Fact]
    public void The_same_blocks_score_1_on_every_term()
    {
        var scores = DesignComparison.Compare(Reference, Page, Reference, Page, 1);

        Assert.Equal(new DesignScores(1, 1, 1, 1, 1, 3, 3, 3), scores);
        Assert.Equal(1, scores.Overall);
    }

    [Fact]
    public void A_missing_block_lowers_block_match_by_its_area_and_leaves_the_pairs_perfect()
    {
        var scores = DesignComparison.Compare(Reference, Page, Reference[..2], Page, 1);

        var all = 2 * (400 * 40 + 150 * 20) + 100 * 20.0;
        Assert.Equal(Math.Round((all - 100 * 20) / all, 4), scores.BlockMatch);
        Assert.Equal((1, 1, 1, 2), (scores.Text, scores.Position, scores.Color, scores.MatchedBlocks));
    }

    [Fact]
    public void A_moved_recoloured_and_reworded_block_lowers_position_colour_and_text()
    {
        var render = Reference.ToArray();
        render[1] = new TextBlock("Start a free trial", 100, 280, 160, 20, 220, 38, 38);

        var scores = DesignComparison.Compare(Reference, Page, render, Page, 0.9);

        Assert.Equal(3, scores.MatchedBlocks);
        Assert.InRange(scores.Text, 0.95, 0.99);
        Assert.Equal(Math.Round(1 - 0.1 / 3, 4), scores.Position);
        Assert.InRange(scores.Color, 0.5, 0.95);
        Assert.Equal(0.9, scores.Visual);
    }

    [Fact]
    public void Repeated_labels_pair_with_the_nearest_copy()
    {
        TextBlock[] reference = [new("Edit", 100, 100, 30, 16, 0, 0, 0), new("Edit", 100, 500, 30, 16, 0, 0, 0)];
        TextBlock[] render = [new("Edit", 100, 504, 30, 16, 0, 0, 0), new("Edit", 100, 104, 30, 16, 0, 0, 0)];

        var scores = DesignComparison.Compare(reference, Page, render, Page, 1);

        Assert.Equal(Math.Round(1 - 4 / 800.0, 4), scores.Position);
    }
}
