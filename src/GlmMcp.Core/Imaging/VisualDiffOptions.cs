namespace GlmMcp.Core.Imaging;

/// <summary>How <see cref="VisualDiffer"/> compares two images.</summary>
public sealed record VisualDiffOptions
{
    public const double DefaultThreshold = 0.1;
    public const int DefaultMergeDistance = 8;
    public const int DefaultMaxRegions = 50;
    public const int MaxMergeDistance = 1000;

    /// <summary>Colour tolerance from 0 (exact) to 1, pixelmatch's <c>threshold</c>.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Count anti-aliased pixels as changed instead of reporting them apart.</summary>
    public bool IncludeAntialiasing { get; init; }

    /// <summary>Areas (in before's coordinates) left out of the comparison.</summary>
    public IReadOnlyList<PixelRect> IgnoreRegions { get; init; } = [];

    public SizeMismatchMode SizeMismatch { get; init; } = SizeMismatchMode.Fail;

    public DiffImageKind DiffImage { get; init; } = DiffImageKind.Overlay;

    /// <summary>Changed pixels separated by at most this many unchanged pixels belong to one region.</summary>
    public int MergeDistance { get; init; } = DefaultMergeDistance;

    /// <summary>How many regions (largest first) the result lists; <see cref="VisualDiffResult.RegionCount"/> counts all.</summary>
    public int MaxRegions { get; init; } = DefaultMaxRegions;

    /// <summary>
    /// When above 0 and the picture's long side is larger: the result also carries the picture drawn down to this long
    /// side (<see cref="VisualDiffResult.ReturnedDiff"/>), for returning to a model client. 0: none.
    /// </summary>
    public int ReturnedImageSide { get; init; }

    /// <summary>
    /// Encode the full-size picture (<see cref="VisualDiffResult.DiffPng"/>) even when the picture is drawn down to
    /// <see cref="ReturnedImageSide"/>. False when only the returned picture is wanted: the full-size PNG is then
    /// encoded only when the picture already fits, where it is the returned one.
    /// </summary>
    public bool FullSizePng { get; init; } = true;

    /// <summary>Throws <see cref="UserInputException"/> naming the first invalid argument.</summary>
    public void Validate()
    {
        if (double.IsNaN(Threshold) || Threshold < 0 || Threshold > 1)
            throw new UserInputException($"'threshold' must be between 0 and 1 (got {Threshold}); 0.1 is the usual value, lower is stricter.");
        if (MergeDistance < 0 || MergeDistance > MaxMergeDistance)
            throw new UserInputException($"'merge_distance' must be between 0 and {MaxMergeDistance} pixels (got {MergeDistance}).");
        if (ReturnedImageSide < 0)
            throw new UserInputException($"The returned image's long side must not be negative (got {ReturnedImageSide}).");
        if (MaxRegions < 0)
            throw new UserInputException($"The region limit must not be negative (got {MaxRegions}).");
        foreach (var r in IgnoreRegions)
        {
            if (r.Width <= 0 || r.Height <= 0)
                throw new UserInputException($"'ignore_regions' entry {{x:{r.X},y:{r.Y},width:{r.Width},height:{r.Height}}} needs a positive width and height.");
        }
    }
}
