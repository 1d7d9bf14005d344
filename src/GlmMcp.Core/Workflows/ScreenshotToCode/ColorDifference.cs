namespace GlmMcp.Core.Workflows.ScreenshotToCode;

/// <summary>
/// Colour difference as people see it: sRGB (D65) to CIELAB, then CIEDE2000 (Sharma, Wu and Dalal's formulation).
/// ΔE00 below 1 is invisible side by side; about 2–3 is a just noticeable difference; 10 and more is another colour.
/// </summary>
public static class ColorDifference
{
    public static double Ciede2000(double r1, double g1, double b1, double r2, double g2, double b2)
    {
        return Ciede2000(Lab(r1, g1, b1), Lab(r2, g2, b2));
    }

    /// <summary>ΔE00 between two CIELAB colours.</summary>
    public static double Ciede2000((double L, double A, double B) first, (double L, double A, double B) second)
    {
        var (l1, a1, b1) = first;
        var (l2, a2, b2) = second;
        const double Pow25To7 = 6103515625.0;
        var c1 = Math.Sqrt(a1 * a1 + b1 * b1);
        var c2 = Math.Sqrt(a2 * a2 + b2 * b2);
        var cMean7 = Math.Pow((c1 + c2) / 2, 7);
        var g = 0.5 * (1 - Math.Sqrt(cMean7 / (cMean7 + Pow25To7)));
        var ap1 = (1 + g) * a1;
        var ap2 = (1 + g) * a2;
        var cp1 = Math.Sqrt(ap1 * ap1 + b1 * b1);
        var cp2 = Math.Sqrt(ap2 * ap2 + b2 * b2);
        var hp1 = Hue(b1, ap1);
        var hp2 = Hue(b2, ap2);

        var dL = l2 - l1;
        var dC = cp2 - cp1;
        double dh;
        if (cp1 * cp2 == 0)
            dh = 0;
        else if (Math.Abs(hp2 - hp1) <= 180)
            dh = hp2 - hp1;
        else
            dh = hp2 - hp1 > 180 ? hp2 - hp1 - 360 : hp2 - hp1 + 360;
        var dH = 2 * Math.Sqrt(cp1 * cp2) * Math.Sin(Radians(dh / 2));

        var lMean = (l1 + l2) / 2;
        var cpMean = (cp1 + cp2) / 2;
        double hMean;
        if (cp1 * cp2 == 0)
            hMean = hp1 + hp2;
        else if (Math.Abs(hp1 - hp2) <= 180)
            hMean = (hp1 + hp2) / 2;
        else
            hMean = hp1 + hp2 < 360 ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;

        var t = 1 - 0.17 * Math.Cos(Radians(hMean - 30)) + 0.24 * Math.Cos(Radians(2 * hMean)) + 0.32 * Math.Cos(Radians(3 * hMean + 6)) - 0.20 * Math.Cos(Radians(4 * hMean - 63));
        var dTheta = 30 * Math.Exp(-Math.Pow((hMean - 275) / 25, 2));
        var cpMean7 = Math.Pow(cpMean, 7);
        var rc = 2 * Math.Sqrt(cpMean7 / (cpMean7 + Pow25To7));
        var lm50 = (lMean - 50) * (lMean - 50);
        var sl = 1 + 0.015 * lm50 / Math.Sqrt(20 + lm50);
        var sc = 1 + 0.045 * cpMean;
        var sh = 1 + 0.015 * cpMean * t;
        var rt = -Math.Sin(Radians(2 * dTheta)) * rc;
        var l = dL / sl;
        var c = dC / sc;
        var h = dH / sh;
        return Math.Sqrt(l * l + c * c + h * h + rt * c * h);
    }

    /// <summary>sRGB (0–255 per channel, D65) to CIELAB.</summary>
    public static (double L, double A, double B) Lab(double r, double g, double b)
    {
        static double Linear(double c)
        {
            c /= 255;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        double lr = Linear(r), lg = Linear(g), lb = Linear(b);
        var x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
        var y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
        var z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / 1.08883;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }

    private static double Hue(double b, double a)
    {
        if (a == 0 && b == 0)
            return 0;
        var h = Math.Atan2(b, a) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
