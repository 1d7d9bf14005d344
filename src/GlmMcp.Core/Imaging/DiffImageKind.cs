namespace GlmMcp.Core.Imaging;

/// <summary>Which picture of the differences <see cref="VisualDiffer"/> draws.</summary>
public enum DiffImageKind
{
    /// <summary>The before image faded to light grey, changed pixels red, anti-aliasing yellow, regions boxed in blue.</summary>
    Overlay,

    /// <summary>Changed pixels red on a transparent background.</summary>
    Mask,

    /// <summary>No picture.</summary>
    None,
}
