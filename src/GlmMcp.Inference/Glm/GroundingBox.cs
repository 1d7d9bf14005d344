namespace GlmMcp.Inference.Glm;

/// <summary>
/// A box (or a point, when <see cref="IsPoint"/>) in pixels of the ORIGINAL image: top-left (X1, Y1) inclusive,
/// bottom-right (X2, Y2) exclusive, clamped to the image. <see cref="Normalized"/> holds the model's 0–999 values.
/// </summary>
public sealed record GroundingBox(int X1, int Y1, int X2, int Y2, bool IsPoint, IReadOnlyList<double> Normalized)
{
    public int Width => X2 - X1;

    public int Height => Y2 - Y1;
}
