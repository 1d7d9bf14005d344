using System.Buffers.Text;
using System.Text;

namespace GlmMcp.Core.Arguments;

/// <summary>
/// One large string argument taken out of a message before the MCP library parsed it (see <see cref="InlineArguments"/>):
/// its text as UTF-8, or, for base64, the decoded bytes. The buffer may be longer than the value; only
/// <see cref="Length"/> bytes count.
/// </summary>
public sealed class InlineValue
{
    private byte[]? _buffer;

    private InlineValue(InlineValueKind kind, byte[]? buffer, int length, string base64Prefix, long decodedLength)
    {
        Kind = kind;
        _buffer = buffer;
        Length = length;
        Base64Prefix = base64Prefix;
        DecodedLength = decodedLength;
    }

    public InlineValueKind Kind { get; }

    /// <summary>For base64: the text before the data, e.g. <c>data:image/png;base64,</c>, or empty for raw base64.</summary>
    public string Base64Prefix { get; }

    /// <summary>How many bytes of the buffer hold the value.</summary>
    public int Length { get; }

    /// <summary>For base64: the decoded length, counted on past the limit when <see cref="InlineValueKind.TooLarge"/>.</summary>
    public long DecodedLength { get; }

    /// <summary>The UTF-8 text or the decoded bytes; empty once the call that brought it has ended.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer is { } buffer ? buffer.AsSpan(0, Length) : [];

    /// <summary>The argument's length in UTF-16 characters, as a string of it would have.</summary>
    public long TextLength => Kind switch
    {
        InlineValueKind.Text => Encoding.UTF8.GetCharCount(Bytes),
        _ => Base64Prefix.Length + (DecodedLength + 2) / 3 * 4,
    };

    public static InlineValue Text(byte[] buffer, int length) => new(InlineValueKind.Text, buffer, length, "", 0);

    public static InlineValue Base64(string prefix, byte[] buffer, int length) => new(InlineValueKind.Base64, buffer, length, prefix, length);

    public static InlineValue TooLarge(string prefix, long decodedLength) => new(InlineValueKind.TooLarge, null, 0, prefix, decodedLength);

    /// <summary>The argument as the string the client sent (base64 is encoded again: it was decoded only when canonical).</summary>
    public string ToText()
    {
        if (Kind == InlineValueKind.Text)
            return Encoding.UTF8.GetString(Bytes);
        if (Kind == InlineValueKind.TooLarge)
            throw new InvalidOperationException("The value was over the limit and not kept.");
        var encoded = new byte[Base64Prefix.Length + Base64Length(Length)];
        Encoding.ASCII.GetBytes(Base64Prefix, encoded);
        System.Buffers.Text.Base64.EncodeToUtf8(Bytes, encoded.AsSpan(Base64Prefix.Length), out _, out _);
        return Encoding.ASCII.GetString(encoded);
    }

    /// <summary>Drops the buffer: the call that brought the value has ended.</summary>
    internal void Release() => _buffer = null;

    private static int Base64Length(int bytes) => (bytes + 2) / 3 * 4;
}
