using GlmMcp.Core.Imaging;

namespace GlmMcp.Server.Contract;

/// <summary>A rectangle <c>{x, y, width, height}</c> in pixels, as tools take and return it.</summary>
public sealed record RegionArgument(int X, int Y, int Width, int Height)
{
    public PixelRect ToPixelRect() => new(X, Y, Width, Height);

    public static RegionArgument From(PixelRect rect) => new(rect.X, rect.Y, rect.Width, rect.Height);
}
