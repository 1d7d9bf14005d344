namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>An overall assessment of a visual diff and, region by region, what changed and how much it matters.</summary>
public sealed record DiffExplanation(string Summary, IReadOnlyList<RegionExplanation> Regions)
{
    /// <summary>The summary, then one line per explained region: <c>#1 [HIGH] x=… y=… width=… height=…: what changed</c>.</summary>
    public string ToText()
    {
        var text = new System.Text.StringBuilder(Summary);
        foreach (var r in Regions)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n#{r.Number} [{r.Severity}] x={r.Region.X} y={r.Region.Y} width={r.Region.Width} height={r.Region.Height}: {r.Description}");
        }
        return text.ToString();
    }
}
