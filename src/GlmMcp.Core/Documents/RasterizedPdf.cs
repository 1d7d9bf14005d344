namespace GlmMcp.Core.Documents;

/// <summary>A PDF's page count and the selected pages, drawn in the order selected.</summary>
public sealed record RasterizedPdf(int PageCount, IReadOnlyList<MediaImage> Pages);
