namespace GlmMcp.Core.Arguments;

/// <summary>
/// Large string arguments that the stdio transport took out of a <c>tools/call</c> message as it streamed in (so the
/// message is never held whole, nor copied by the MCP library's parsing): the message carries a placeholder instead,
/// and the code that reads the argument (image loading, HTML rendering) asks here for the value. The server sets the
/// call's <see cref="InlineArgumentBag"/> around the call; a placeholder resolves only inside the call it came with.
/// </summary>
public static class InlineArguments
{
    /// <summary>Starts every placeholder; no path, URL, base64 or HTML a client means starts with a NUL character.</summary>
    public const string PlaceholderPrefix = "\0glm-mcp-inline:";

    /// <summary>
    /// Magic numbers of the formats the server reads, as they start a base64 string: PNG, JPEG, GIF, WebP (RIFF), BMP;
    /// for <c>describe_image</c> also PDF (%PDF-), WebM (EBML) and MP4 (a box size below 2^24, then "ftyp").
    /// </summary>
    public static IReadOnlyList<string> Base64ImagePrefixes { get; } = ["iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "Qk", "JVBERi0", "GkXfo", "AAAA"];

    private static readonly AsyncLocal<InlineArgumentBag?> _current = new();

    /// <summary>Runs the rest of the async flow with <paramref name="bag"/>'s placeholders resolvable.</summary>
    public static IDisposable Begin(InlineArgumentBag bag)
    {
        var previous = _current.Value;
        _current.Value = bag;
        return new Restore(previous);
    }

    /// <summary>Whether <paramref name="argument"/> is a placeholder of the current call, and its value.</summary>
    public static bool TryGet(string? argument, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InlineValue? value)
    {
        value = argument is not null && argument.StartsWith(PlaceholderPrefix, StringComparison.Ordinal) ? _current.Value?.Find(argument) : null;
        return value is not null;
    }

    private sealed class Restore(InlineArgumentBag? previous) : IDisposable
    {
        public void Dispose() => _current.Value = previous;
    }
}
