using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using GlmMcp.Core.Arguments;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Builds one <see cref="InlineValue"/> from a JSON string's content as it streams in (still escaped, in pieces):
/// unescapes it, and when it starts like a base64 image (a magic number, or a <c>data:…;base64,</c> header) decodes it
/// on the fly into one buffer, so the text is never held. Only canonical base64 is decoded (standard alphabet, no
/// whitespace, padding only at the end), which encodes back to the very text sent; anything else turns to text.
/// Buffers are allocated once at their limit without being cleared: only the pages written become resident.
/// </summary>
internal sealed class InlineValueBuilder
{
    /// <summary>Enough of the start to tell base64 from text (a <c>data:</c> header is shorter).</summary>
    private const int HeadBytes = 1024;

    private static readonly SearchValues<byte> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private readonly int _maxDecodedBytes;
    private readonly int _maxTextBytes;
    private readonly byte[] _head = new byte[HeadBytes];
    private readonly byte[] _quad = new byte[4];
    private Mode _mode = Mode.Head;
    private int _headLength;
    private string _prefix = "";
    private byte[]? _buffer;
    private int _length;
    private int _quadLength;
    private bool _padded;
    private long _tooLargeChars;
    // Unescaping: 0 outside an escape, 1 after '\', 2-5 in the hex digits of \uXXXX.
    private int _escape;
    private int _hex;
    private int _highSurrogate = -1;
    private string? _invalid;

    public InlineValueBuilder(long maxDecodedBytes, long maxTextBytes)
    {
        _maxDecodedBytes = (int)Math.Min(maxDecodedBytes, Array.MaxLength);
        _maxTextBytes = (int)Math.Min(maxTextBytes, Array.MaxLength);
    }

    private enum Mode
    {
        Head,
        Base64,
        Text,
        TooLarge,
    }

    /// <summary>Takes the next piece of the string's content, as it stands between the quotes.</summary>
    public void Append(ReadOnlySpan<byte> raw)
    {
        while (!raw.IsEmpty && _invalid is null)
        {
            if (_escape != 0)
            {
                Unescape(raw[0]);
                raw = raw[1..];
                continue;
            }
            var backslash = raw.IndexOf((byte)'\\');
            var plain = backslash < 0 ? raw : raw[..backslash];
            if (!plain.IsEmpty)
            {
                if (_highSurrogate >= 0 || plain.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
                {
                    _invalid = "a control character or a lone surrogate in a string";
                    return;
                }
                Accept(plain);
            }
            if (backslash < 0)
                return;
            _escape = 1;
            raw = raw[(backslash + 1)..];
        }
    }

    /// <summary>The value, or why the string is not valid JSON.</summary>
    public (InlineValue? Value, string? Invalid) Complete()
    {
        if (_invalid is null && (_escape != 0 || _highSurrogate >= 0))
            _invalid = "an unfinished escape sequence";
        if (_invalid is not null)
            return (null, _invalid);
        if (_mode == Mode.Head)
            Decide();
        if (_mode == Mode.Base64)
            FinishBase64();
        switch (_mode)
        {
            case Mode.Base64:
                return (InlineValue.Base64(_prefix, _buffer!, _length), null);
            case Mode.TooLarge:
                return (InlineValue.TooLarge(_prefix, _length + _tooLargeChars * 3 / 4), null);
            default:
                if (!Utf8.IsValid(_buffer.AsSpan(0, _length)))
                    return (null, "invalid UTF-8 in a string");
                return (InlineValue.Text(_buffer!, _length), null);
        }
    }

    private void Unescape(byte b)
    {
        if (_escape == 1)
        {
            _escape = 0;
            byte plain;
            switch (b)
            {
                case (byte)'"' or (byte)'\\' or (byte)'/':
                    plain = b;
                    break;
                case (byte)'b':
                    plain = 8;
                    break;
                case (byte)'f':
                    plain = 12;
                    break;
                case (byte)'n':
                    plain = 10;
                    break;
                case (byte)'r':
                    plain = 13;
                    break;
                case (byte)'t':
                    plain = 9;
                    break;
                case (byte)'u':
                    _escape = 2;
                    _hex = 0;
                    return;
                default:
                    _invalid = "an invalid escape sequence in a string";
                    return;
            }
            if (_highSurrogate >= 0)
            {
                _invalid = "a lone surrogate in a string";
                return;
            }
            Accept([plain]);
            return;
        }
        var digit = HexValue(b);
        if (digit < 0)
        {
            _invalid = "an invalid \\u escape in a string";
            return;
        }
        _hex = _hex * 16 + digit;
        if (++_escape < 6)
            return;
        _escape = 0;
        AcceptCodeUnit(_hex);
    }

    private void AcceptCodeUnit(int unit)
    {
        int scalar;
        if (char.IsHighSurrogate((char)unit))
        {
            if (_highSurrogate >= 0)
            {
                _invalid = "a lone surrogate in a string";
                return;
            }
            _highSurrogate = unit;
            return;
        }
        if (char.IsLowSurrogate((char)unit))
        {
            if (_highSurrogate < 0)
            {
                _invalid = "a lone surrogate in a string";
                return;
            }
            scalar = char.ConvertToUtf32((char)_highSurrogate, (char)unit);
            _highSurrogate = -1;
        }
        else if (_highSurrogate >= 0)
        {
            _invalid = "a lone surrogate in a string";
            return;
        }
        else
            scalar = unit;
        Span<byte> utf8 = stackalloc byte[4];
        var written = new Rune(scalar).EncodeToUtf8(utf8);
        Accept(utf8[..written]);
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private void Accept(ReadOnlySpan<byte> bytes)
    {
        switch (_mode)
        {
            case Mode.Head:
                var take = Math.Min(bytes.Length, HeadBytes - _headLength);
                bytes[..take].CopyTo(_head.AsSpan(_headLength));
                _headLength += take;
                if (_headLength < HeadBytes)
                    return;
                Decide();
                Accept(bytes[take..]);
                return;
            case Mode.Base64:
                AcceptBase64(bytes);
                return;
            case Mode.Text:
                AppendText(bytes);
                return;
            default:
                _tooLargeChars += bytes.Length;
                return;
        }
    }

    /// <summary>Base64 (after a <c>data:…;base64,</c> header, or starting with an image's magic number) or text.</summary>
    private void Decide()
    {
        var head = _head.AsSpan(0, _headLength);
        if (head.Length >= 5 && Ascii.EqualsIgnoreCase(head[..5], "data:"u8))
        {
            var comma = head.IndexOf((byte)',');
            if (comma >= 7 && Ascii.EqualsIgnoreCase(head.Slice(comma - 7, 7), ";base64"u8))
            {
                _prefix = Encoding.ASCII.GetString(head[..(comma + 1)]);
                StartBase64(head[(comma + 1)..]);
                return;
            }
        }
        else
        {
            foreach (var magic in InlineArguments.Base64ImagePrefixes)
            {
                if (head.StartsWith(Encoding.ASCII.GetBytes(magic)))
                {
                    StartBase64(head);
                    return;
                }
            }
        }
        _mode = Mode.Text;
        _buffer = GC.AllocateUninitializedArray<byte>(_maxTextBytes);
        AppendText(head);
    }

    private void StartBase64(ReadOnlySpan<byte> data)
    {
        _mode = Mode.Base64;
        _buffer = GC.AllocateUninitializedArray<byte>(_maxDecodedBytes);
        AcceptBase64(data);
    }

    private void AcceptBase64(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _mode == Mode.Base64)
        {
            var stop = data.IndexOfAnyExcept(Base64Alphabet);
            var run = stop < 0 ? data : data[..stop];
            if (!run.IsEmpty)
            {
                if (_padded)
                {
                    ToText(data);
                    return;
                }
                DecodeRun(run);
            }
            if (stop < 0)
                return;
            // Padding ends a canonical string; anything else (line breaks, the URL-safe alphabet) makes it text.
            if (data[stop] != (byte)'=' || _quadLength < 2 || _mode != Mode.Base64)
            {
                if (_mode == Mode.Base64)
                    ToText(data[stop..]);
                else
                    Accept(data[stop..]);
                return;
            }
            _padded = true;
            _quad[_quadLength++] = (byte)'=';
            data = data[(stop + 1)..];
            if (_quadLength == 4 && !data.IsEmpty && data[0] == (byte)'=')
            {
                ToText(data);
                return;
            }
        }
    }

    private void DecodeRun(ReadOnlySpan<byte> run)
    {
        if (_quadLength > 0)
        {
            var fill = Math.Min(run.Length, 4 - _quadLength);
            run[..fill].CopyTo(_quad.AsSpan(_quadLength));
            _quadLength += fill;
            run = run[fill..];
            if (_quadLength < 4)
                return;
            _quadLength = 0;
            if (!Decode(_quad))
            {
                _tooLargeChars += 4 + run.Length;
                return;
            }
        }
        var whole = run.Length / 4 * 4;
        if (!Decode(run[..whole]))
        {
            _tooLargeChars += run.Length;
            return;
        }
        run[whole..].CopyTo(_quad);
        _quadLength = run.Length - whole;
    }

    /// <summary>Decodes whole groups into the buffer; false (and too large from now on) when they do not fit.</summary>
    private bool Decode(ReadOnlySpan<byte> groups)
    {
        if (_length + (long)groups.Length / 4 * 3 > _buffer!.Length)
        {
            _mode = Mode.TooLarge;
            _buffer = null;
            return false;
        }
        Base64.DecodeFromUtf8(groups, _buffer.AsSpan(_length), out _, out var written, isFinalBlock: false);
        _length += written;
        return true;
    }

    private void FinishBase64()
    {
        if (_quadLength == 0)
            return;
        Span<byte> last = stackalloc byte[3];
        Span<byte> again = stackalloc byte[4];
        // A last group decodes only when padded, and counts as canonical only when it encodes back to itself.
        if (_quadLength == 4 && Base64.DecodeFromUtf8(_quad, last, out _, out var written) == OperationStatus.Done &&
            Base64.EncodeToUtf8(last[..written], again, out _, out _) == OperationStatus.Done && again.SequenceEqual(_quad) &&
            _length + written <= _buffer!.Length)
        {
            last[..written].CopyTo(_buffer.AsSpan(_length));
            _length += written;
            _quadLength = 0;
            return;
        }
        ToText([]);
    }

    /// <summary>Not canonical base64 after all: the text so far (encoded back) and <paramref name="rest"/> become text.</summary>
    private void ToText(ReadOnlySpan<byte> rest)
    {
        var decoded = _buffer!;
        var decodedLength = _length;
        _mode = Mode.Text;
        _buffer = GC.AllocateUninitializedArray<byte>(_maxTextBytes);
        _length = 0;
        AppendText(Encoding.ASCII.GetBytes(_prefix));
        var encodedLength = (decodedLength + 2) / 3 * 4;
        if (_length + (long)encodedLength > _buffer.Length)
        {
            _invalid = "a string over the message limit";
            return;
        }
        Base64.EncodeToUtf8(decoded.AsSpan(0, decodedLength), _buffer.AsSpan(_length), out _, out _);
        _length += encodedLength;
        AppendText(_quad.AsSpan(0, _quadLength));
        _quadLength = 0;
        _padded = false;
        AppendText(rest);
    }

    private void AppendText(ReadOnlySpan<byte> bytes)
    {
        if (_length + (long)bytes.Length > _buffer!.Length)
        {
            _invalid = "a string over the message limit";
            return;
        }
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }
}
