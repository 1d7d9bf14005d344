using GlmMcp.Core.Imaging;

namespace GlmMcp.Server.Contract;

/// <summary>
/// The size of an image a tool returned, and of the full-resolution original it was shrunk from (the same when it
/// fitted <c>max_image_side</c>).
/// </summary>
public sealed record ReturnedImage(int Width, int Height, int FullWidth, int FullHeight)
{
    public static ReturnedImage From(FittedImage image) => new(image.Width, image.Height, image.FullWidth, image.FullHeight);
}
