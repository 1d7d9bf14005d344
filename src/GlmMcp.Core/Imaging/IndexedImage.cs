using System.Buffers;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// A picture of at most 256 colours as one palette index per pixel, rows packed top to bottom: what the diff pictures
/// are drawn as, so they go to PNG colour type 3 without a truecolour copy or a colour count. The index buffer comes
/// from the shared pool; dispose to return it.
/// </summary>
internal sealed class IndexedImage : IDisposable
{
    private byte[]? _indices;

    /// <param name="palette">RGBA words (memory order R, G, B, A); entries with alpha below 255 must come first.</param>
    public IndexedImage(int width, int height, uint[] palette)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Palette = new PngPalette(palette);
        _indices = ArrayPool<byte>.Shared.Rent(checked(width * height));
    }

    public int Width { get; }

    public int Height { get; }

    public PngPalette Palette { get; }

    public Span<byte> Row(int y) => Indices.AsSpan(y * Width, Width);

    /// <summary>The colour of a pixel as an RGBA word, for tests and checks.</summary>
    public uint GetColor(int x, int y) => Palette.Colors[Indices[y * Width + x]];

    public void Dispose()
    {
        if (_indices is { } indices)
        {
            _indices = null;
            ArrayPool<byte>.Shared.Return(indices);
        }
    }

    private byte[] Indices => _indices ?? throw new ObjectDisposedException(nameof(IndexedImage));
}
