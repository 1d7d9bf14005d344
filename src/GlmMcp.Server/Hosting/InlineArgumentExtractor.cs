using System.Buffers;
using GlmMcp.Core.Arguments;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Reads one large line of stdin as it streams in, copying it to a smaller message: in a <c>tools/call</c> request
/// (<c>method</c> before <c>params</c>, as clients write it), every string value of <c>params.arguments</c> longer
/// than <see cref="ThresholdBytes"/> goes to an <see cref="InlineValueBuilder"/> instead, and the message gets a
/// placeholder of the <see cref="InlineArgumentBag"/> in its place. It only follows the JSON structure (strings,
/// nesting, keys); the MCP library parses the smaller message and reports what is not valid JSON-RPC.
/// </summary>
internal sealed class InlineArgumentExtractor : IDisposable
{
    /// <summary>String arguments at least this long leave the message.</summary>
    public const int ThresholdBytes = 256 * 1024;

    private const int MaxCapturedBytes = 64;
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[],:"u8);

    private readonly long _maxDecodedBytes;
    private readonly long _maxTextBytes;
    private readonly SegmentedBuffer _output = new();
    private readonly List<Frame> _frames = [];
    private readonly byte[] _captured = new byte[MaxCapturedBytes];
    private readonly SegmentedBuffer _pending = new();
    private InlineArgumentBag? _bag;
    private bool _inString;
    private bool _escaped;
    private StringRole _role;
    private int _capturedLength;
    private bool _isToolCall;
    private InlineValueBuilder? _builder;
    private string? _invalid;

    public InlineArgumentExtractor(long maxDecodedBytes, long maxTextBytes)
    {
        _maxDecodedBytes = maxDecodedBytes;
        _maxTextBytes = maxTextBytes;
    }

    private enum StringRole
    {
        Plain,
        Key,
        Method,
        Argument,
    }

    /// <summary>The message so far, with large arguments already taken out (to find its id).</summary>
    public ReadOnlySequence<byte> Output => _output.ToSequence();

    public void Append(ReadOnlySequence<byte> data)
    {
        foreach (var segment in data)
            Append(segment.Span);
    }

    /// <summary>
    /// The smaller message (valid until disposed), the arguments taken out of it (none: null), and why the line is
    /// not JSON when a taken-out string was not valid.
    /// </summary>
    public (ReadOnlySequence<byte> Message, InlineArgumentBag? Bag, string? Invalid) Complete() =>
        (_output.ToSequence(), _bag is { Count: > 0 } ? _bag : null, _invalid);

    public void Dispose()
    {
        _output.Dispose();
        _pending.Dispose();
    }

    private void Append(ReadOnlySpan<byte> span)
    {
        while (!span.IsEmpty)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    StringContent(span[..1]);
                    _escaped = false;
                    span = span[1..];
                    continue;
                }
                var stop = span.IndexOfAny((byte)'"', (byte)'\\');
                if (stop < 0)
                {
                    StringContent(span);
                    return;
                }
                StringContent(span[..stop]);
                if (span[stop] == (byte)'\\')
                {
                    StringContent(span.Slice(stop, 1));
                    _escaped = true;
                }
                else
                    EndString();
                span = span[(stop + 1)..];
                continue;
            }
            var next = span.IndexOfAny(Structural);
            if (next < 0)
            {
                _output.Write(span);
                return;
            }
            _output.Write(span[..(next + 1)]);
            Structure(span[next]);
            span = span[(next + 1)..];
        }
    }

    private void Structure(byte b)
    {
        var top = _frames.Count > 0 ? _frames[^1] : null;
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                _capturedLength = 0;
                _role = top is { IsObject: true, ExpectKey: true } ? StringRole.Key
                    : _frames.Count == 1 && top!.KeyIs("method"u8) ? StringRole.Method
                    : _isToolCall && IsArgumentValue() ? StringRole.Argument
                    : StringRole.Plain;
                break;
            case (byte)'{':
                _frames.Add(new Frame(isObject: true));
                break;
            case (byte)'[':
                _frames.Add(new Frame(isObject: false));
                break;
            case (byte)'}' or (byte)']':
                if (_frames.Count > 0)
                    _frames.RemoveAt(_frames.Count - 1);
                break;
            case (byte)':':
                if (top is { IsObject: true })
                    top.ExpectKey = false;
                break;
            default:
                if (top is { IsObject: true })
                {
                    top.ExpectKey = true;
                    top.Key = null;
                }
                break;
        }
    }

    /// <summary>Inside <c>params.arguments</c>, where a value goes.</summary>
    private bool IsArgumentValue() =>
        _frames.Count == 3 && _frames[0].KeyIs("params"u8) && _frames[1].KeyIs("arguments"u8) && _frames[2] is { IsObject: true, ExpectKey: false };

    private void StringContent(ReadOnlySpan<byte> content)
    {
        switch (_role)
        {
            case StringRole.Argument when _builder is not null:
                _builder.Append(content);
                return;
            case StringRole.Argument:
                _pending.Write(content);
                if (_pending.Length >= ThresholdBytes)
                {
                    _builder = new InlineValueBuilder(_maxDecodedBytes, _maxTextBytes);
                    foreach (var piece in _pending.ToSequence())
                        _builder.Append(piece.Span);
                    _pending.Dispose();
                }
                return;
            case StringRole.Key or StringRole.Method:
                var take = Math.Min(content.Length, MaxCapturedBytes - _capturedLength);
                content[..take].CopyTo(_captured.AsSpan(_capturedLength));
                _capturedLength += take;
                // A longer key or method is none of those looked for.
                if (take < content.Length)
                    _capturedLength = MaxCapturedBytes;
                break;
        }
        _output.Write(content);
    }

    private void EndString()
    {
        _inString = false;
        var captured = _captured.AsSpan(0, _capturedLength);
        switch (_role)
        {
            case StringRole.Key:
                _frames[^1].Key = captured.ToArray();
                break;
            case StringRole.Method:
                _isToolCall = captured.SequenceEqual("tools/call"u8);
                break;
            case StringRole.Argument when _builder is not null:
                var (value, invalid) = _builder.Complete();
                _builder = null;
                if (value is null)
                    _invalid ??= invalid;
                else
                {
                    _bag ??= new InlineArgumentBag();
                    // The placeholder's leading NUL, escaped as JSON needs it.
                    _output.Write("\\u0000"u8);
                    _output.Write(System.Text.Encoding.ASCII.GetBytes(_bag.Add(value)[1..]));
                }
                break;
            case StringRole.Argument:
                foreach (var piece in _pending.ToSequence())
                    _output.Write(piece.Span);
                _pending.Dispose();
                break;
        }
        _output.Write("\""u8);
    }

    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;

        public bool ExpectKey { get; set; } = isObject;

        public byte[]? Key { get; set; }

        public bool KeyIs(ReadOnlySpan<byte> name) => Key is { } key && key.AsSpan().SequenceEqual(name);
    }
}
