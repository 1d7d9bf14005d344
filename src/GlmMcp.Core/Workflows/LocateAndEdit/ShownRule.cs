namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// A matched CSS rule as the edit prompt shows it: the file by the name the model answers with (relative to the page's
/// folder), 1-based line, the specificity of its selector that matches ("ids,classes,types"), whether a css fence may change it.
/// </summary>
public sealed record ShownRule(string File, int Line, string Selector, string Declarations, string Specificity, bool Editable);
