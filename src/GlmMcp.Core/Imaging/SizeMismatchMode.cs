namespace GlmMcp.Core.Imaging;

/// <summary>What <see cref="VisualDiffer"/> does when the two images differ in size.</summary>
public enum SizeMismatchMode
{
    /// <summary>Refuse, naming both sizes.</summary>
    Fail,

    /// <summary>Compare over the union of both sizes; pixels only one image (or neither) covers count as changed.</summary>
    Pad,

    /// <summary>Scale <c>after</c> to <c>before</c>'s size first.</summary>
    Resize,
}
