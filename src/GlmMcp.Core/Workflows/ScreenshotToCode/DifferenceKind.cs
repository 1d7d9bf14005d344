namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>What a <see cref="LayoutDifference"/> looks like, judged from the pixels of both images inside its box.</summary>
public enum DifferenceKind
{
    /// <summary>The same shapes in another colour (text, fill or background).</summary>
    Color,

    /// <summary>The same content, moved.</summary>
    Position,

    /// <summary>The content is larger or smaller (font size, box size).</summary>
    Size,

    /// <summary>Something in the target is absent from the render.</summary>
    Missing,

    /// <summary>Something in the render is absent from the target.</summary>
    Extra,

    /// <summary>Other text or other shapes (wording, weight, order, corners).</summary>
    Content,
}
