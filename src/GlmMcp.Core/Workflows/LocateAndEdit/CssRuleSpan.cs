namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>A rule of a stylesheet: its selector (normalised; the prelude for an at-rule), its source span, its 1-based line, how deep in at-rule blocks it sits.</summary>
public sealed record CssRuleSpan(string Selector, int Start, int End, int Line, int Depth, bool IsAtRule);
