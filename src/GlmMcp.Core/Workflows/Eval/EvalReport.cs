namespace GlmMcp.Core.Workflows.Eval;

/// <summary>What <c>glm-mcp eval</c> writes to <c>report.json</c> (docs/eval.md describes every field).</summary>
/// <param name="Format">The report format's version (1).</param>
public sealed record EvalReport(
    int Format,
    DateTimeOffset Created,
    string Engine,
    string Corpus,
    EvalSettings Settings,
    EvalSummary Summary,
    IReadOnlyList<EvalCaseReport> Cases)
{
    public const int CurrentFormat = 1;
}
