namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>A block of foreground cells: its bounds in cells, its size and its mean colour.</summary>
internal sealed class LayoutBlock
{
    public int X0 { get; set; }

    public int Y0 { get; set; }

    public int X1 { get; set; }

    public int Y1 { get; set; }

    public long Cells { get; private set; }

    public double R { get; set; }

    public double G { get; set; }

    public double B { get; set; }

    public double BoxArea => (double)(X1 - X0 + 1) * (Y1 - Y0 + 1);

    public void Add(int x, int y)
    {
        Cells++;
        X0 = Math.Min(X0, x);
        Y0 = Math.Min(Y0, y);
        X1 = Math.Max(X1, x);
        Y1 = Math.Max(Y1, y);
    }
}
