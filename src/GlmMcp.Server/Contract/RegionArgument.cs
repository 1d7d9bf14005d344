using System.ComponentModel;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Server.Contract;

/// <summary>A rectangle <c>{x, y, width, height}</c> in pixels, as tools take and return it.</summary>
public sealed record RegionArgument(
    [property: Description("Left edge in pixels.")] int X,
    [property: Description("Top edge in pixels.")] int Y,
    [property: Description("Width in pixels.")] int Width,
    [property: Description("Height in pixels.")] int Height)
{
    public PixelRect ToPixelRect() => new(X, Y, Width, Height);

    public static RegionArgument From(PixelRect rect) => new(rect.X, rect.Y, rect.Width, rect.Height);
}
