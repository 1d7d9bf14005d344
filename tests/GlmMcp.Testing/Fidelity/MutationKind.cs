namespace GlmMcp.Testing.Fidelity;

/// <summary>
/// What a mutation does to one element of a corpus page. The first eleven are defects a reviewer would reject; the last
/// three (<see cref="Identical"/>, <see cref="Subpixel"/>, <see cref="TinyColor"/>) are changes nobody sees.
/// </summary>
public enum MutationKind
{
    /// <summary>A text element's colour set to a far palette colour (ΔE2000 ≥ 10).</summary>
    Color,

    /// <summary>A filled box's background set to a far palette colour.</summary>
    Background,

    /// <summary>A text element's font size ×0.85 or ×1.15.</summary>
    FontSize,

    /// <summary>A text element's weight switched between regular and bold.</summary>
    FontWeight,

    /// <summary>An element moved 8–16 px sideways (and up to 8 px up or down).</summary>
    Shift,

    /// <summary>An element's top margin grown by 10–17 px, pushing what follows.</summary>
    Spacing,

    /// <summary>An element hidden (its space kept).</summary>
    Missing,

    /// <summary>An element in the flow duplicated right after itself.</summary>
    Extra,

    /// <summary>A text element's words reordered (or replaced).</summary>
    Text,

    /// <summary>An element swapped with its next sibling of the same tag (not single characters).</summary>
    Swap,

    /// <summary>The corner radius of a box that stands out from its background switched between round (≥ 12 px more) and square.</summary>
    Radius,

    /// <summary>Nothing changed: the reference rendered again.</summary>
    Identical,

    /// <summary>An element moved by 0.3 × 0.2 px.</summary>
    Subpixel,

    /// <summary>A text or background colour changed by one level in one channel (ΔE2000 &lt; 1).</summary>
    TinyColor,
}
