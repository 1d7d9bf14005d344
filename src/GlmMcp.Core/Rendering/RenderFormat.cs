namespace GlmMcp.Core.Rendering;

/// <summary>Image encoding of a screenshot.</summary>
public enum RenderFormat
{
    Png,
    Jpeg,
}
