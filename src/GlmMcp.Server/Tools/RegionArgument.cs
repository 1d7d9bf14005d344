using System.ComponentModel;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Server.Tools;

/// <summary>A rectangle argument <c>{x, y, width, height}</c> in pixels.</summary>
public sealed record RegionArgument(
    [property: Description("Left edge in pixels.")] int X,
    [property: Description("Top edge in pixels.")] int Y,
    [property: Description("Width in pixels.")] int Width,
    [property: Description("Height in pixels.")] int Height)
{
    public PixelRect ToPixelRect() => new(X, Y, Width, Height);
}
