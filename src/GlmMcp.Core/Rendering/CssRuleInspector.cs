using System.Collections.Concurrent;
using System.Text.Json;
using PuppeteerSharp;

namespace GlmMcp.Core.Rendering;

/// <summary>
/// Reads the author style rules matching one element through Chromium's CSS domain, on a CDP session of its own (so
/// the tab's own session keeps its state): every stylesheet's header as <c>CSS.enable</c> announces it, then
/// <c>CSS.getMatchedStylesForNode</c> for the element. Rules come back in cascade order reversed: the one that wins
/// first, then by falling specificity and source order.
/// </summary>
internal static class CssRuleInspector
{
    public static async Task<IReadOnlyList<MatchedCssRule>> MatchedRulesAsync(IPage page, string selector, CancellationToken cancellationToken)
    {
        var session = await page.CreateCDPSessionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var sheets = new ConcurrentDictionary<string, (string Url, int StartLine, bool Inline)>(StringComparer.Ordinal);
        session.MessageReceived += (_, e) =>
        {
            if (e.MessageID != "CSS.styleSheetAdded" || !e.MessageData.TryGetProperty("header", out var header))
                return;
            sheets[header.GetProperty("styleSheetId").GetString() ?? string.Empty] = (
                header.TryGetProperty("sourceURL", out var url) ? url.GetString() ?? string.Empty : string.Empty,
                header.TryGetProperty("startLine", out var line) ? (int)line.GetDouble() : 0,
                header.TryGetProperty("isInline", out var inline) && inline.GetBoolean());
        };
        try
        {
            await session.SendAsync("DOM.enable").WaitAsync(cancellationToken).ConfigureAwait(false);
            await session.SendAsync("CSS.enable").WaitAsync(cancellationToken).ConfigureAwait(false);
            var document = await session.SendAsync<JsonElement>("DOM.getDocument", new { depth = 0 }).WaitAsync(cancellationToken).ConfigureAwait(false);
            var root = document.GetProperty("root").GetProperty("nodeId").GetInt32();
            var found = await session.SendAsync<JsonElement>("DOM.querySelector", new { nodeId = root, selector }).WaitAsync(cancellationToken).ConfigureAwait(false);
            var node = found.GetProperty("nodeId").GetInt32();
            if (node == 0)
                return [];
            var matched = await session.SendAsync<JsonElement>("CSS.getMatchedStylesForNode", new { nodeId = node }).WaitAsync(cancellationToken).ConfigureAwait(false);
            var rules = new List<MatchedCssRule>();
            if (!matched.TryGetProperty("matchedCSSRules", out var list))
                return rules;
            foreach (var match in list.EnumerateArray())
            {
                var rule = match.GetProperty("rule");
                if (rule.GetProperty("origin").GetString() != "regular" || !rule.TryGetProperty("styleSheetId", out var sheetId)
                    || !sheets.TryGetValue(sheetId.GetString() ?? string.Empty, out var sheet))
                    continue;
                var selectors = rule.GetProperty("selectorList").GetProperty("selectors");
                var first = selectors[0];
                var line = first.TryGetProperty("range", out var range) ? range.GetProperty("startLine").GetInt32() : 0;
                var specificity = (0, 0, 0);
                foreach (var index in match.GetProperty("matchingSelectors").EnumerateArray())
                {
                    if (!selectors[index.GetInt32()].TryGetProperty("specificity", out var s))
                        continue;
                    var candidate = (s.GetProperty("a").GetInt32(), s.GetProperty("b").GetInt32(), s.GetProperty("c").GetInt32());
                    if (candidate.CompareTo(specificity) > 0)
                        specificity = candidate;
                }
                var declarations = rule.GetProperty("style").TryGetProperty("cssText", out var text) ? text.GetString() ?? string.Empty : string.Empty;
                rules.Add(new MatchedCssRule(rule.GetProperty("selectorList").GetProperty("text").GetString() ?? string.Empty,
                    sheet.Url, sheet.StartLine + line + 1, declarations.Trim(), specificity, sheet.Inline));
            }
            rules.Reverse();
            return rules;
        }
        finally
        {
            _ = session.DetachAsync().ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }
}
