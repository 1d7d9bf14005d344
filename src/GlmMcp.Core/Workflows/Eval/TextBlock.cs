namespace GlmMcp.Core.Workflows.Eval;

/// <summary>One visible run of text on a rendered page: its words, its box in CSS pixels and its colour.</summary>
internal sealed record TextBlock(string Text, double X, double Y, double Width, double Height, byte R, byte G, byte B)
{
    public double Area => Width * Height;
}
