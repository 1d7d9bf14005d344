namespace GlmMcp.Core.Imaging;

/// <summary>An encoded image as returned to a client: its bytes and size, and the size of the full-resolution original.</summary>
public sealed record FittedImage(byte[] Bytes, string MimeType, int Width, int Height, int FullWidth, int FullHeight)
{
    /// <summary>True when the image was shrunk to fit.</summary>
    public bool Downscaled => Width != FullWidth || Height != FullHeight;
}
