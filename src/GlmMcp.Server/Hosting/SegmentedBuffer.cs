using System.Buffers;

namespace GlmMcp.Server.Hosting;

/// <summary>Bytes appended in pooled 64 KiB pieces, read back as one sequence: a large message is never copied into one growing array.</summary>
internal sealed class SegmentedBuffer : IDisposable
{
    private const int PieceBytes = 64 * 1024;

    private readonly List<byte[]> _pieces = [];
    private int _lastLength = PieceBytes;

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_lastLength == PieceBytes)
            {
                _pieces.Add(ArrayPool<byte>.Shared.Rent(PieceBytes));
                _lastLength = 0;
            }
            var take = Math.Min(bytes.Length, PieceBytes - _lastLength);
            bytes[..take].CopyTo(_pieces[^1].AsSpan(_lastLength));
            _lastLength += take;
            Length += take;
            bytes = bytes[take..];
        }
    }

    /// <summary>The bytes written so far; valid until the buffer is written to again or disposed.</summary>
    public ReadOnlySequence<byte> ToSequence()
    {
        if (_pieces.Count == 0)
            return ReadOnlySequence<byte>.Empty;
        var first = new Piece(_pieces[0].AsMemory(0, _pieces.Count == 1 ? _lastLength : PieceBytes), 0);
        var last = first;
        for (var i = 1; i < _pieces.Count; i++)
            last = last.Append(_pieces[i].AsMemory(0, i == _pieces.Count - 1 ? _lastLength : PieceBytes));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    public void Dispose()
    {
        foreach (var piece in _pieces)
            ArrayPool<byte>.Shared.Return(piece);
        _pieces.Clear();
        Length = 0;
        _lastLength = PieceBytes;
    }

    private sealed class Piece : ReadOnlySequenceSegment<byte>
    {
        public Piece(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Piece Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Piece(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
