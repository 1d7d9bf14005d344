namespace GlmMcp.Core;

/// <summary>
/// What an error message may quote of a caller's input: at most <see cref="MaxChars"/> characters, so a 10 MB
/// argument, name or id never comes back whole.
/// </summary>
public static class InputEcho
{
    public const int MaxChars = 200;

    /// <summary><paramref name="value"/> as is when short; otherwise its start, an ellipsis and its full length.</summary>
    public static string Truncate(string? value, int maxChars = MaxChars)
    {
        if (value is null)
            return string.Empty;
        if (value.Length <= maxChars)
            return value;
        var cut = maxChars;
        if (char.IsHighSurrogate(value[cut - 1]))
            cut--;
        return $"{value[..cut]}… ({value.Length:N0} chars)";
    }
}
