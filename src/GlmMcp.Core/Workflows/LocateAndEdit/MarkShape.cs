namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>What the user drew to point at part of a page.</summary>
public enum MarkShape
{
    /// <summary>A rectangle around the thing.</summary>
    Box,

    /// <summary>An ellipse or a freehand loop around the thing.</summary>
    Ellipse,

    /// <summary>A stroke that ends at the thing (its head is the end with more ink).</summary>
    Arrow,
}
