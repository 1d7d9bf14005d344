namespace GlmMcp.Core.Imaging;

/// <summary>An axis-aligned rectangle in pixels; <see cref="X"/>,<see cref="Y"/> is the top-left pixel.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    /// <summary>This rectangle cut to a <paramref name="width"/>×<paramref name="height"/> image; may be empty.</summary>
    public PixelRect ClipTo(int width, int height)
    {
        var x0 = Math.Clamp(X, 0, width);
        var y0 = Math.Clamp(Y, 0, height);
        var x1 = Math.Clamp((long)X + Width, 0, width);
        var y1 = Math.Clamp((long)Y + Height, 0, height);
        return new PixelRect(x0, y0, (int)Math.Max(0, x1 - x0), (int)Math.Max(0, y1 - y0));
    }

    public bool IsEmpty => Width <= 0 || Height <= 0;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;
}
