using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Core.Tests.Imaging;
using GlmMcp.Testing.Fidelity;

namespace GlmMcp.Core.Tests.Workflows;

/// <summary>The judge against the fidelity corpus: real Chromium renders of every page with every mutation kind.</summary>
public sealed class JudgeCorpusTests(FidelityFixture fixture) : IClassFixture<FidelityFixture>
{
    private static readonly double Target = ScreenshotToCodeRequest.DefaultTargetScore;

    [Fact]
    public void The_corpus_has_at_least_24_pages_and_every_mutation_kind_found_an_element_on_most_of_them()
    {
        Assert.True(FidelityCorpus.Pages.Count >= 24, $"{FidelityCorpus.Pages.Count} pages");
        Assert.Equal(FidelityCorpus.Pages.Count, FidelityCorpus.Pages.Select(p => p.Name).Distinct().Count());
        foreach (var kind in MutationKinds.Perceptible.Concat(MutationKinds.Imperceptible))
        {
            var applied = fixture.Renders.Cases.Count(c => c.Mutation.Kind == kind);
            Assert.True(applied >= FidelityCorpus.Pages.Count * 3 / 4, $"{kind.Name()} applied on only {applied} pages");
        }
        Assert.True(fixture.Renders.Failed.Count <= 3, $"renders that failed: {string.Join("; ", fixture.Renders.Failed)}");
        Assert.True(fixture.Renders.Unchanged.Count <= 6, $"perceptible mutations that changed no pixel: {string.Join(", ", fixture.Renders.Unchanged)}");
    }

    [Fact]
    public void Every_mutation_knows_its_elements_box_inside_the_viewport()
    {
        foreach (var c in fixture.Renders.Cases.Where(c => c.Mutation.Kind != MutationKind.Identical))
        {
            var box = c.Mutation.Box;
            Assert.False(box.IsEmpty, $"{c.Mutation}");
            Assert.True(box.X >= -20 && box.Y >= -20 && box.X < c.Mutation.Page.Width && box.Y < c.Mutation.Page.Height, $"{c.Mutation}: {box}");
        }
    }

    [Fact]
    public void Colour_mutations_change_by_at_least_delta_e_10_and_tiny_ones_by_less_than_1()
    {
        foreach (var c in fixture.Renders.Cases.Where(c => c.Mutation.Kind is MutationKind.Color or MutationKind.Background or MutationKind.TinyColor))
        {
            var (r1, g1, b1) = MutationGenerator.ParseRgb(c.Mutation.From!);
            var (r2, g2, b2) = MutationGenerator.ParseRgb(c.Mutation.To!);
            var delta = ColorDifference.Ciede2000(r1, g1, b1, r2, g2, b2);
            if (c.Mutation.Kind == MutationKind.TinyColor)
                Assert.True(delta < 1, $"{c.Mutation}: ΔE00 {delta:0.00}");
            else
                Assert.True(delta >= 10, $"{c.Mutation}: ΔE00 {delta:0.00}");
        }
    }

    /// <summary>
    /// The goal is no case on the wrong side at all; today a few remain (large headings moved 0.3 px, small text
    /// switched from bold to regular — see docs/judge.md), so this holds the judge to at most 1 % and AUC ≥ 0.99.
    /// The previous layout score put about 70 % of the cases on the wrong side.
    /// </summary>
    [Fact]
    public void Perceptible_mutations_score_below_the_default_target_and_imperceptible_ones_at_or_above_it_in_99_percent_of_cases()
    {
        var misjudged = fixture.Judged.Misjudged(Target).ToList();
        Assert.True(misjudged.Count <= fixture.Judged.Cases.Count / 100, $"{misjudged.Count} of {fixture.Judged.Cases.Count} cases on the wrong side of {Target}:\n{string.Join("\n", misjudged)}");
        Assert.True(fixture.Judged.Auc >= 0.99, $"ROC AUC {fixture.Judged.Auc:0.0000}");
    }

    [Fact]
    public void The_refine_prompt_names_a_difference_covering_at_least_95_percent_of_mutated_elements()
    {
        var uncovered = fixture.Judged.Perceptible.Where(c => !c.Covered).ToList();
        Assert.True(fixture.Judged.Coverage >= 0.95, $"coverage {fixture.Judged.Coverage:P1}; not covered:\n{string.Join("\n", uncovered)}");
    }

    [Fact]
    public void The_refine_prompt_lists_each_named_difference_with_its_kind_and_box()
    {
        var judged = fixture.Judged.Perceptible.First(c => c.Kind == MutationKind.Background && c.Score.Differences.Count > 0);
        var diff = TestImages.Differ().Diff(judged.Case.Reference, judged.Case.Mutated, new Core.Imaging.VisualDiffOptions { DiffImage = Core.Imaging.DiffImageKind.None });
        var text = ScreenshotToCodePrompts.Feedback(judged.Score, diff);
        var first = judged.Score.Differences[0];
        Assert.Contains($"at x={first.X} y={first.Y} width={first.Width} height={first.Height}: {first.Detail}", text, StringComparison.Ordinal);
        Assert.Contains($"{judged.Score.Differences.Count} visible difference(s)", text, StringComparison.Ordinal);
    }
}
