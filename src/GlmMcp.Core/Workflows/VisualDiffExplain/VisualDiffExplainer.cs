using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GlmMcp.Core.Imaging;
using Microsoft.Extensions.AI;

namespace GlmMcp.Core.Workflows.VisualDiffExplain;

/// <summary>
/// Asks the model what changed between two images, grounded in the regions the pixel diff measured (like a
/// reviewer's UI diff check): it sees before, after and the diff picture, gets the numbered region list, and answers
/// one line per region with a severity (CRITICAL, HIGH, MEDIUM, LOW) after a one-paragraph summary.
/// </summary>
public static partial class VisualDiffExplainer
{
    public static readonly IReadOnlyList<string> Severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];

    /// <summary>How many regions (largest first) the model is asked about.</summary>
    public const int ExplainedRegions = 10;

    public static List<ChatMessage> Prompt(byte[] beforePng, byte[] afterPng, byte[]? diffPng, VisualDiffResult diff)
    {
        var text = new StringBuilder()
            .Append("The first image is the expected UI (before), the second the actual UI (after)")
            .Append(diffPng is null ? ".\n" : "; the third marks the differing pixels in red with regions boxed in blue.\n")
            .Append(CultureInfo.InvariantCulture, $"{diff.DiffPercent:0.##}% of pixels differ. Measured regions (pixels):\n");
        var regions = Listed(diff);
        for (var i = 0; i < regions.Count; i++)
        {
            var r = regions[i];
            text.Append(CultureInfo.InvariantCulture, $"#{i + 1}: x={r.X} y={r.Y} width={r.Width} height={r.Height} ({r.Pixels} pixels)\n");
        }
        text.Append("First write one short paragraph assessing the change overall. Then one line per region, exactly like\n")
            .Append("#1 [HIGH] the Subscribe button moved 12px left and turned dark blue\n")
            .Append("using CRITICAL (broken or missing content), HIGH (layout or colour clearly wrong), MEDIUM (noticeable) or LOW (cosmetic).");
        var contents = new List<AIContent> { new DataContent(beforePng, "image/png"), new DataContent(afterPng, "image/png") };
        if (diffPng is not null)
            contents.Add(new DataContent(diffPng, "image/png"));
        contents.Add(new TextContent(text.ToString()));
        return [new ChatMessage(ChatRole.User, contents)];
    }

    /// <summary>The explanation of identical images: no model is asked.</summary>
    public static DiffExplanation NothingChanged { get; } = new("The images are identical; nothing changed.", []);

    public static async Task<DiffExplanation> ExplainAsync(IChatClient chat, byte[] beforePng, byte[] afterPng, VisualDiffResult diff, Func<string, string> visibleText, CancellationToken cancellationToken)
    {
        if (diff.Identical)
            return NothingChanged;
        var response = await chat.GetResponseAsync(Prompt(beforePng, afterPng, diff.DiffPng, diff), null, cancellationToken).ConfigureAwait(false);
        return Parse(visibleText(response.Text ?? string.Empty), diff);
    }

    /// <summary>Splits the answer into the summary (lines that are not region lines) and the region lines it can match to a measured region.</summary>
    public static DiffExplanation Parse(string answer, VisualDiffResult diff)
    {
        var regions = Listed(diff);
        var summary = new StringBuilder();
        var explained = new List<RegionExplanation>();
        foreach (var line in answer.Split('\n'))
        {
            var m = RegionLine().Match(line);
            if (m.Success && int.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= regions.Count)
            {
                var severity = m.Groups["s"].Success ? m.Groups["s"].Value.ToUpperInvariant() : "MEDIUM";
                if (explained.All(e => e.Number != n))
                    explained.Add(new RegionExplanation(n, regions[n - 1], severity, m.Groups["d"].Value.Trim()));
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                summary.Append(line.Trim()).Append(' ');
            }
        }
        var text = summary.ToString().Trim();
        return new DiffExplanation(text.Length > 0 ? text : "The model gave no overall assessment.", explained.OrderBy(e => e.Number).ToList());
    }

    private static List<DiffRegion> Listed(VisualDiffResult diff) => diff.Regions.OrderByDescending(r => r.Pixels).Take(ExplainedRegions).ToList();

    [GeneratedRegex(@"^\s*[-*]?\s*(?:region\s*)?#?(?<n>\d+)\s*[:.)\]-]?\s*(?:\[?(?<s>CRITICAL|HIGH|MEDIUM|LOW)\]?)?\s*[:\-–]?\s*(?<d>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RegionLine();
}
