using System.Globalization;

namespace GlmMcp.Core.Documents;

/// <summary>Times in a video as people and GLM-4.6V write them: <c>02:31</c>, <c>1:02:31</c>, <c>00:01.5</c>.</summary>
public static class Timestamp
{
    public static string Format(double seconds)
    {
        var tenths = (long)Math.Round(Math.Max(0, seconds) * 10, MidpointRounding.AwayFromZero);
        var whole = tenths / 10;
        var (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60);
        var text = h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m:00}:{s:00}");
        return tenths % 10 == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}.{tenths % 10}");
    }
}
