using System.Globalization;
using System.Net;
using System.Text;

namespace GlmMcp.Core.Workflows.Eval;

/// <summary>
/// <c>report.html</c>: one page, no scripts, nothing from the network — the summary, the score curve (inline SVG), the
/// Design2Code table, and per case the target, every round's render and diff, and the reference side by side. The
/// pictures are the files beside it under <c>cases/</c>.
/// </summary>
public static class EvalReportPage
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#0f172a;background:#f8fafc}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:16px;margin:0 0 6px}
        .muted{color:#64748b}.error{color:#b91c1c;font-weight:600}.ok{color:#15803d}
        table{border-collapse:collapse;background:#fff}td,th{border:1px solid #e2e8f0;padding:4px 10px;text-align:right}
        th:first-child,td:first-child{text-align:left}tr.mean td{font-weight:700;background:#f1f5f9}
        section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:14px;margin:14px 0}
        .strip{display:flex;gap:10px;overflow-x:auto;align-items:flex-start;margin-top:8px}
        figure{margin:0;flex:none}figure img{display:block;max-width:360px;max-height:300px;border:1px solid #cbd5e1}
        figcaption{font-size:12px;color:#475569;margin-top:2px}svg{background:#fff;border:1px solid #e2e8f0}
        """;

    public static string Render(EvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>glm-mcp eval</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>glm-mcp eval</h1><p class=\"muted\">")
            .Append(E($"{report.Created:yyyy-MM-dd HH:mm} UTC · engine {report.Engine} · corpus {report.Corpus} · stack {report.Settings.Stack}, up to {report.Settings.MaxRounds} round(s), target {F(report.Settings.TargetScore, "0.#")}, scale {F(report.Settings.DeviceScaleFactor, "0.##")} · {F(s.Seconds, "0.#")} s"))
            .Append(s.Cancelled ? " · <span class=\"error\">cancelled</span>" : "").Append("</p>");

        html.Append("<h2>Summary</h2><table><tr><th>cases</th><th>completed</th><th>failed</th><th>reached target</th><th>mean first score</th><th>mean best score</th><th>mean rounds</th></tr><tr>")
            .Append(Cell(s.Cases)).Append(Cell(s.Completed)).Append(Cell(s.Failed)).Append(Cell(s.ReachedTarget))
            .Append(Cell(s.MeanFirstScore, "0.0")).Append(Cell(s.MeanBestScore, "0.0")).Append(Cell(s.MeanRounds, "0.0")).Append("</tr></table>");
        if (s.MeanBestByRound.Count > 0)
        {
            html.Append("<p>Best score by round: the mean over completed cases (thick) and each case (thin).</p>");
            var series = report.Cases.Where(c => c.BestScore is not null).Select(c => BestSoFar(c, report.Settings.MaxRounds)).ToList();
            html.Append(Curve(s.MeanBestByRound.Select(v => (double?)v).ToList(), series, report.Settings.MaxRounds, report.Settings.TargetScore, 480, 220));
        }

        var designed = report.Cases.Where(c => c.Design is not null).ToList();
        if (designed.Count > 0)
        {
            html.Append("<h2>Design2Code scores (best page against the reference page)</h2>")
                .Append("<table><tr><th>case</th><th>block-match</th><th>text</th><th>position</th><th>colour</th><th>visual</th><th>overall</th><th>blocks matched</th></tr>");
            foreach (var c in designed)
                html.Append("<tr><td><a href=\"#").Append(Anchor(c)).Append("\">").Append(E(c.Name)).Append("</a></td>").Append(DesignCells(c.Design!)).Append("</tr>");
            if (s.Design is { } mean)
                html.Append("<tr class=\"mean\"><td>mean of ").Append(s.DesignCases).Append("</td>").Append(DesignCells(mean)).Append("</tr>");
            html.Append("</table><p class=\"muted\">Visual is the judge's score of the final render against the reference's render (no CLIP model); see docs/eval.md.</p>");
        }

        html.Append("<h2>Cases</h2>");
        foreach (var c in report.Cases)
            AppendCase(html, c, report.Settings);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendCase(StringBuilder html, EvalCaseReport c, EvalSettings settings)
    {
        html.Append("<section id=\"").Append(Anchor(c)).Append("\"><h3>").Append(E(c.Name)).Append("</h3>");
        if (c.BestScore is { } best)
        {
            html.Append("<p>best score <b>").Append(F(best, "0.0")).Append("</b> in round ").Append(c.BestRound)
                .Append(c.ReachedTarget ? " <span class=\"ok\">(target reached)</span>" : "")
                .Append(E($" · {c.Width}×{c.Height} px · {F(c.Seconds, "0.#")} s")).Append("</p>");
        }
        if (c.Error is not null)
            html.Append("<p class=\"error\">").Append(E(c.Error)).Append("</p>");
        if (c.NoCode is not null)
            html.Append("<p class=\"error\">").Append(E(c.NoCode)).Append("</p>");
        if (c.Rounds.Any(r => r.Score is not null))
            html.Append(Curve(c.Rounds.Select(r => r.Score).ToList(), [], settings.MaxRounds, settings.TargetScore, 320, 150));
        html.Append("<div class=\"strip\">");
        if (c.TargetFile is not null)
            Figure(html, c.TargetFile, "target");
        foreach (var r in c.Rounds)
        {
            var label = $"round {r.Round} ({r.Kind}) · {(r.Score is { } v ? F(v, "0.0") : "no score")}";
            if (r.Render is not null)
                Figure(html, r.Render, label);
            if (r.Diff is not null)
                Figure(html, r.Diff, $"round {r.Round} diff · {r.DifferenceCount} difference(s)");
            if (r.Render is null)
                html.Append("<figure><figcaption>").Append(E(label + (r.Note is null ? "" : ": " + r.Note))).Append("</figcaption></figure>");
        }
        if (c.ReferenceFile is not null)
            Figure(html, c.ReferenceFile, "reference page");
        html.Append("</div>");
        foreach (var r in c.Rounds.Where(r => r.Differences.Count > 0))
        {
            html.Append("<details><summary>round ").Append(r.Round).Append(": ").Append(r.DifferenceCount).Append(" named difference(s)</summary><ol>");
            foreach (var d in r.Differences)
                html.Append("<li>").Append(E($"{d.Kind} at x={d.X} y={d.Y} width={d.Width} height={d.Height}: {d.Detail}")).Append("</li>");
            html.Append("</ol></details>");
        }
        if (c.Design is { } design)
        {
            html.Append("<table><tr><th>block-match</th><th>text</th><th>position</th><th>colour</th><th>visual</th><th>overall</th><th>blocks matched</th></tr><tr>")
                .Append(DesignCells(design)).Append("</tr></table>");
        }
        html.Append("</section>");
    }

    /// <summary>A line chart of scores by round (0–100), with the target dashed: <paramref name="main"/> thick, <paramref name="others"/> thin.</summary>
    private static string Curve(IReadOnlyList<double?> main, IReadOnlyList<IReadOnlyList<double?>> others, int rounds, double target, int width, int height)
    {
        const int left = 34, right = 44, top = 18, bottom = 26;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        double X(int round) => left + (rounds <= 1 ? plotW / 2.0 : (round - 1) * plotW / (double)(rounds - 1));
        double Y(double score) => top + (100 - Math.Clamp(score, 0, 100)) * plotH / 100;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"score by round\">");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\" stroke=\"#e2e8f0\"/><text x=\"{left - 4}\" y=\"{Y(tick) + 4:0.#}\" font-size=\"10\" text-anchor=\"end\" fill=\"#64748b\">{tick}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(target):0.#}\" y2=\"{Y(target):0.#}\" stroke=\"#16a34a\" stroke-dasharray=\"4 3\"/>");
        for (var round = 1; round <= rounds; round++)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(round):0.#}\" y=\"{height - 8}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#64748b\">round {round}</text>");
        foreach (var series in others)
            svg.Append(Line(series, "#93c5fd", 1));
        svg.Append(Line(main, "#1d4ed8", 2.5));
        for (var i = 0; i < main.Count; i++)
        {
            if (main[i] is { } v)
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i + 1):0.#}\" cy=\"{Y(v):0.#}\" r=\"3.5\" fill=\"#1d4ed8\"/><text x=\"{X(i + 1) + 5:0.#}\" y=\"{Y(v) - 5:0.#}\" font-size=\"11\" fill=\"#0f172a\">{v:0.0}</text>");
        }
        return svg.Append("</svg>").ToString();

        string Line(IReadOnlyList<double?> series, string colour, double stroke)
        {
            var points = string.Join(' ', series.Select((v, i) => v is { } s ? string.Create(CultureInfo.InvariantCulture, $"{X(i + 1):0.#},{Y(s):0.#}") : null).OfType<string>());
            return points.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{stroke}\"/>");
        }
    }

    /// <summary>A case's best score reached by each round (carried on after it stopped), as the summary curve counts it.</summary>
    private static IReadOnlyList<double?> BestSoFar(EvalCaseReport c, int rounds) =>
        Enumerable.Range(1, rounds).Select(r => c.Rounds.Where(x => x.Round <= r && x.Score is not null).Select(x => x.Score).Max()).ToList();

    private static void Figure(StringBuilder html, string file, string caption) =>
        html.Append("<figure><a href=\"").Append(E(file)).Append("\"><img src=\"").Append(E(file)).Append("\" alt=\"").Append(E(caption))
            .Append("\"></a><figcaption>").Append(E(caption)).Append("</figcaption></figure>");

    private static string DesignCells(DesignScores d) =>
        Cell(d.BlockMatch, "0.000") + Cell(d.Text, "0.000") + Cell(d.Position, "0.000") + Cell(d.Color, "0.000") + Cell(d.Visual, "0.000") +
        Cell(d.Overall, "0.000") + $"<td>{d.MatchedBlocks} of {d.ReferenceBlocks} (render: {d.RenderBlocks})</td>";

    private static string Anchor(EvalCaseReport c) => "case-" + Uri.EscapeDataString(c.Name);

    private static string Cell(int value) => $"<td>{value}</td>";

    private static string Cell(double? value, string format) => $"<td>{(value is { } v ? F(v, format) : "–")}</td>";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
