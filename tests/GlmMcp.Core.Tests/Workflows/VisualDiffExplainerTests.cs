using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.VisualDiffExplain;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class VisualDiffExplainerTests
{
    private static readonly VisualDiffResult Diff = new(400, 300, 900, 10, 0.75, false,
        [new DiffRegion(10, 10, 40, 20, 600), new DiffRegion(200, 100, 30, 30, 300)], 2, 1) { DiffPng = [1, 2, 3] };

    [Fact]
    public void Region_lines_are_matched_to_the_measured_regions_with_their_severity_and_the_rest_is_the_summary()
    {
        const string answer = "The header changed colour and the button moved.\n\n#1 [HIGH] the header turned green\n- #2: LOW slight shift of the button\n#9 [CRITICAL] a region that was never measured";

        var explanation = VisualDiffExplainer.Parse(answer, Diff);

        Assert.Equal("The header changed colour and the button moved. #9 [CRITICAL] a region that was never measured", explanation.Summary);
        Assert.Equal([(1, "HIGH", "the header turned green"), (2, "LOW", "slight shift of the button")],
            explanation.Regions.Select(r => (r.Number, r.Severity, r.Description)));
        Assert.Equal(Diff.Regions[0], explanation.Regions[0].Region);
        Assert.Contains("#1 [HIGH] x=10 y=10 width=40 height=20: the header turned green", explanation.ToText());
    }

    [Fact]
    public void The_prompt_carries_before_after_and_the_diff_picture_and_numbers_the_regions_largest_first()
    {
        var message = Assert.Single(VisualDiffExplainer.Prompt([9], [8], Diff.DiffPng, Diff));

        Assert.Equal(3, message.Contents.OfType<DataContent>().Count());
        Assert.Contains("#1: x=10 y=10 width=40 height=20 (600 pixels)", message.Text);
        Assert.Contains("#2: x=200 y=100 width=30 height=30 (300 pixels)", message.Text);
        Assert.Contains("CRITICAL", message.Text);
    }
}
