namespace GlmMcp.Core.Rendering;

/// <summary>
/// An author style rule that matches an element, as Chromium's CSS domain reports it.
/// </summary>
/// <param name="Selector">The rule's whole selector list, as written.</param>
/// <param name="SourceUrl">The stylesheet's URL: a <c>file:</c> URL for a linked file, the page's URL for a <c>&lt;style&gt;</c> block.</param>
/// <param name="Line">1-based line of the selector in that file.</param>
/// <param name="Declarations">The rule's declarations, as written between its braces.</param>
/// <param name="Specificity">The specificity (ids, classes, types) of the rule's most specific selector that matches the element.</param>
/// <param name="Inline">Whether the rule is in a <c>&lt;style&gt;</c> block of the page rather than a stylesheet file.</param>
public sealed record MatchedCssRule(string Selector, string SourceUrl, int Line, string Declarations, (int Ids, int Classes, int Types) Specificity, bool Inline);
