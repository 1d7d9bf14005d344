namespace GlmMcp.Core.Imaging;

/// <summary>
/// GLM-4.6V's image grid: the size the vision tower actually sees (<c>smart_resize</c>) and what an image costs in
/// tokens (docs/glm-format.md, "Image preprocessing"; transformers' Glm4vImageProcessor). Sides become multiples of 28
/// (patch 14 × spatial merge 2); a frame is counted twice (temporal patch 2) against the pixel budget.
/// </summary>
public static class GlmImageGrid
{
    public const int PatchSize = 14;
    public const int SpatialMerge = 2;
    public const int TemporalPatch = 2;
    public const int Factor = PatchSize * SpatialMerge;

    /// <summary>112 × 112: the processor's <c>shortest_edge</c>.</summary>
    public const long DefaultMinPixels = 112 * 112;

    /// <summary>28 × 28 × 15000: the processor's <c>longest_edge</c>.</summary>
    public const long DefaultMaxPixels = 28L * 28 * 15000;

    public const double MaxAspectRatio = 200;

    /// <summary>The resized (width, height) the model sees.</summary>
    /// <exception cref="UserInputException">An empty image or an aspect ratio above 200.</exception>
    public static (int Width, int Height) SmartResize(int width, int height, long minPixels = DefaultMinPixels,
        long maxPixels = DefaultMaxPixels)
    {
        if (width <= 0 || height <= 0)
            throw new UserInputException($"The image is {width}x{height}: both sides must be at least one pixel.");
        if ((double)Math.Max(width, height) / Math.Min(width, height) > MaxAspectRatio)
            throw new UserInputException(
                $"The image is {width}x{height}: GLM-4.6V takes aspect ratios up to {MaxAspectRatio}. Crop it first.");

        // Python's round() rounds half to even; the processor uses it.
        var h = Math.Max(Factor, (int)Math.Round((double)height / Factor, MidpointRounding.ToEven) * Factor);
        var w = Math.Max(Factor, (int)Math.Round((double)width / Factor, MidpointRounding.ToEven) * Factor);
        if ((long)TemporalPatch * h * w > maxPixels)
        {
            var beta = Math.Sqrt((double)TemporalPatch * height * width / maxPixels);
            h = Math.Max(Factor, (int)Math.Floor(height / beta / Factor) * Factor);
            w = Math.Max(Factor, (int)Math.Floor(width / beta / Factor) * Factor);
        }
        else if ((long)TemporalPatch * h * w < minPixels)
        {
            var beta = Math.Sqrt(minPixels / ((double)TemporalPatch * height * width));
            h = (int)Math.Ceiling(height * beta / Factor) * Factor;
            w = (int)Math.Ceiling(width * beta / Factor) * Factor;
        }

        return (w, h);
    }

    /// <summary>Tokens the image costs in the prompt: (h'/14)·(w'/14)/4.</summary>
    public static int ImageTokens(int width, int height, long minPixels = DefaultMinPixels, long maxPixels = DefaultMaxPixels)
    {
        var (w, h) = SmartResize(width, height, minPixels, maxPixels);
        return w / PatchSize * (h / PatchSize) / (SpatialMerge * SpatialMerge);
    }
}
