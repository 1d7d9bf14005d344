namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// Design2Code's fine-grained scores of a generated page against its reference page, each 0–1 (see docs/eval.md).
/// Text blocks are read from both rendered DOMs and paired by text similarity.
/// </summary>
/// <param name="BlockMatch">Area of the text blocks that found a partner, over the area of all blocks on both pages.</param>
/// <param name="Text">Mean text similarity of the paired blocks (2 × longest common subsequence / both lengths).</param>
/// <param name="Position">Mean over pairs of 1 − the larger of the horizontal and vertical distance of their centres, as a share of the page.</param>
/// <param name="Color">Mean over pairs of 1 − min(ΔE00, 100) / 100 of their text colours.</param>
/// <param name="Visual">The judge's score (LayoutScorer total / 100) of the final render against the reference's render, standing in for Design2Code's CLIP score.</param>
/// <param name="ReferenceBlocks">Text blocks on the reference page.</param>
/// <param name="RenderBlocks">Text blocks on the generated page.</param>
/// <param name="MatchedBlocks">Pairs found.</param>
public sealed record DesignScores(double BlockMatch, double Text, double Position, double Color, double Visual, int ReferenceBlocks, int RenderBlocks, int MatchedBlocks)
{
    /// <summary>The mean of the five scores.</summary>
    public double Overall => Math.Round((BlockMatch + Text + Position + Color + Visual) / 5, 4);
}
