using System.Buffers;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// The comparer's verdict per pixel: <see cref="Same"/>, <see cref="Changed"/> or <see cref="AntiAliased"/>. Rows
/// in which nothing was marked are never written (<see cref="RowTouched"/> is false), which spares clearing a buffer
/// the size of the image on every call. The buffer comes from the shared pool; dispose to return it.
/// </summary>
internal sealed class DiffMap : IDisposable
{
    public const byte Same = 0;
    public const byte Changed = 1;
    public const byte AntiAliased = 2;

    private byte[]? _classes;
    private readonly bool[] _rowTouched;

    public DiffMap(int width, int height)
    {
        Width = width;
        Height = height;
        _classes = ArrayPool<byte>.Shared.Rent(width * height);
        _rowTouched = new bool[height];
    }

    public int Width { get; }

    public int Height { get; }

    public long ChangedPixels { get; set; }

    public long AntiAliasedPixels { get; set; }

    public bool RowTouched(int y) => _rowTouched[y];

    /// <summary>The row's classes; valid only when <see cref="RowTouched"/> is true.</summary>
    public Span<byte> Row(int y) => Classes.AsSpan(y * Width, Width);

    /// <summary>Clears the row and marks it as written; call before the first mark in a row.</summary>
    public Span<byte> TouchRow(int y)
    {
        var row = Row(y);
        if (!_rowTouched[y])
        {
            row.Clear();
            _rowTouched[y] = true;
        }
        return row;
    }

    public byte Get(int x, int y) => _rowTouched[y] ? Classes[y * Width + x] : Same;

    public void Dispose()
    {
        if (_classes is { } classes)
        {
            _classes = null;
            ArrayPool<byte>.Shared.Return(classes);
        }
    }

    private byte[] Classes => _classes ?? throw new ObjectDisposedException(nameof(DiffMap));
}
