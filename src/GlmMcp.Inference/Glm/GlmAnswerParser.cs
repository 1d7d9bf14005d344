namespace GlmMcp.Inference.Glm;

/// <summary>
/// Splits GLM output into thinking and answer and strips <c>&lt;|begin_of_box|&gt;…&lt;|end_of_box|&gt;</c> markers.
/// Handles a complete <c>&lt;think&gt;…&lt;/think&gt;</c> block, a closing tag without its opening (the opening was
/// in the prompt), output cut off inside the thinking, and stray stop tokens at the end.
/// </summary>
public static class GlmAnswerParser
{
    public static GlmAnswer Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = StripTrailingStopTokens(output);
        string? thinking = null;
        var truncated = false;

        var end = text.IndexOf(GlmTokens.ThinkEnd, StringComparison.Ordinal);
        var start = text.IndexOf(GlmTokens.ThinkStart, StringComparison.Ordinal);
        if (end >= 0 && (start < 0 || start < end))
        {
            var from = start >= 0 ? start + GlmTokens.ThinkStart.Length : 0;
            thinking = text[from..end].Trim();
            text = (start >= 0 ? text[..start] : string.Empty) + text[(end + GlmTokens.ThinkEnd.Length)..];
        }
        else if (start >= 0 && end < 0)
        {
            thinking = text[(start + GlmTokens.ThinkStart.Length)..].Trim();
            text = text[..start];
            truncated = true;
        }

        return new GlmAnswer(StripBoxes(text).Trim(), string.IsNullOrEmpty(thinking) ? null : thinking, truncated);
    }

    /// <summary>Removes the box markers, keeping what they wrapped.</summary>
    public static string StripBoxes(string text) =>
        text.Replace(GlmTokens.BoxStart, string.Empty, StringComparison.Ordinal)
            .Replace(GlmTokens.BoxEnd, string.Empty, StringComparison.Ordinal);

    private static string StripTrailingStopTokens(string text)
    {
        var trimmed = text.TrimEnd();
        bool again;
        do
        {
            again = false;
            foreach (var stop in GlmTokens.StopTokens)
            {
                if (trimmed.EndsWith(stop, StringComparison.Ordinal))
                {
                    trimmed = trimmed[..^stop.Length].TrimEnd();
                    again = true;
                }
            }
        }
        while (again);

        return trimmed;
    }
}
