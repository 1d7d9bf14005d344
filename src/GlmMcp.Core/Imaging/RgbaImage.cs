using System.Runtime.InteropServices;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// A decoded image: 8-bit RGBA, unpremultiplied, rows packed top to bottom (stride = 4 × width), the one pixel
/// format every imaging step of the server works on.
/// </summary>
public sealed class RgbaImage
{
    public const int BytesPerPixel = 4;

    public RgbaImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.LongLength != (long)width * height * BytesPerPixel)
            throw new ArgumentException($"Expected {(long)width * height * BytesPerPixel} bytes for {width}×{height} RGBA, got {pixels.LongLength}.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>RGBA bytes, <see cref="Stride"/> bytes per row.</summary>
    public byte[] Pixels { get; }

    public int Stride => Width * BytesPerPixel;

    /// <summary>A new image of the given size, every pixel transparent black.</summary>
    public static RgbaImage CreateTransparent(int width, int height) =>
        new(width, height, new byte[(long)width * height * BytesPerPixel]);

    /// <summary>A new image of the given size, every pixel set to one colour.</summary>
    public static RgbaImage CreateFilled(int width, int height, byte r, byte g, byte b, byte a)
    {
        var pixels = GC.AllocateUninitializedArray<byte>(width * height * BytesPerPixel);
        MemoryMarshal.Cast<byte, uint>(pixels.AsSpan()).Fill(PackRgba(r, g, b, a));
        return new RgbaImage(width, height, pixels);
    }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    /// <summary>The pixels as one 32-bit word each (memory order R, G, B, A).</summary>
    public Span<uint> AsWords() => MemoryMarshal.Cast<byte, uint>(Pixels.AsSpan());

    public (byte R, byte G, byte B, byte A) GetPixel(int x, int y)
    {
        var i = (y * Width + x) * BytesPerPixel;
        return (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
    }

    public void SetPixel(int x, int y, byte r, byte g, byte b, byte a)
    {
        var i = (y * Width + x) * BytesPerPixel;
        Pixels[i] = r;
        Pixels[i + 1] = g;
        Pixels[i + 2] = b;
        Pixels[i + 3] = a;
    }

    /// <summary>A deep copy.</summary>
    public RgbaImage Clone() => new(Width, Height, (byte[])Pixels.Clone());

    /// <summary>The 32-bit word of an RGBA pixel in memory order, matching <see cref="AsWords"/>.</summary>
    public static uint PackRgba(byte r, byte g, byte b, byte a) =>
        BitConverter.IsLittleEndian
            ? r | ((uint)g << 8) | ((uint)b << 16) | ((uint)a << 24)
            : ((uint)r << 24) | ((uint)g << 16) | ((uint)b << 8) | a;
}
