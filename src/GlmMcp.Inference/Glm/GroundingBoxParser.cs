using System.Globalization;
using System.Text.RegularExpressions;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// Finds GLM grounding output in any bracket style — <c>[[x1,y1,x2,y2]]</c>, <c>[x1,y1,x2,y2]</c>,
/// <c>(x1,y1,x2,y2)</c>, several boxes in one list, points <c>[x,y]</c> — and maps it to pixels of the original
/// image: pixel = value / 1000 × size (GLM normalises to thousandths, 0–999; docs/glm-format.md, "Grounding"). A tuple with a
/// value outside 0..1000, or a box without width or height, is not a finding: it is rejected with a note saying why.
/// </summary>
public static partial class GroundingBoxParser
{
    /// <summary>GLM's coordinates are thousandths of the image side.</summary>
    public const double NormalizationScale = 1000.0;

    /// <summary>How much of a rejected tuple a note quotes.</summary>
    private const int MaxQuoted = 80;

    /// <summary>The valid boxes and points in <paramref name="answer"/>; rejected tuples are left out.</summary>
    public static IReadOnlyList<GroundingBox> Parse(string answer, int imageWidth, int imageHeight) =>
        Read(answer, imageWidth, imageHeight).Boxes;

    /// <summary>The valid boxes and points in <paramref name="answer"/>, and a note for each tuple that was rejected.</summary>
    public static GroundingParse Read(string answer, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);

        var text = GlmAnswerParser.StripBoxes(answer);
        var boxes = new List<GroundingBox>();
        var rejected = new List<string>();
        foreach (Match m in Tuple().Matches(text))
        {
            var values = m.Groups["n"].Captures.Select(c => double.Parse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            if (values.Length is not (2 or 4))
                continue;
            if (Reject(values) is { } reason)
            {
                var quoted = m.Value.Length <= MaxQuoted ? m.Value : m.Value[..MaxQuoted] + "…";
                rejected.Add($"{quoted} was ignored: {reason}");
                continue;
            }
            if (values.Length == 4)
            {
                var (x1, x2) = Ordered(ToPixel(values[0], imageWidth), ToPixel(values[2], imageWidth));
                var (y1, y2) = Ordered(ToPixel(values[1], imageHeight), ToPixel(values[3], imageHeight));
                boxes.Add(new GroundingBox(x1, y1, x2, y2, IsPoint: false, values));
            }
            else
            {
                var x = ToPixel(values[0], imageWidth);
                var y = ToPixel(values[1], imageHeight);
                boxes.Add(new GroundingBox(x, y, x, y, IsPoint: true, values));
            }
        }

        return new GroundingParse(boxes, rejected);
    }

    /// <summary>Why a tuple is not a finding, or null when it is one.</summary>
    private static string? Reject(double[] values)
    {
        if (values.Any(v => !double.IsFinite(v) || v < 0 || v > NormalizationScale))
            return $"coordinates must be thousandths of the image, 0 to {NormalizationScale:0}";
        if (values.Length == 4 && (values[0] == values[2] || values[1] == values[3]))
            return "the box has no width or no height";
        return null;
    }

    private static int ToPixel(double value, int size) =>
        Math.Clamp((int)Math.Round(value / NormalizationScale * size, MidpointRounding.AwayFromZero), 0, size);

    private static (int Low, int High) Ordered(int a, int b) => a <= b ? (a, b) : (b, a);

    // An innermost bracket pair holding two to four numbers (signs and exponents included, so that out-of-range
    // values are seen and rejected rather than skipped); nested lists match their inner tuples. Digits are ASCII only:
    // \d also matches other scripts' digits (fullwidth, Arabic-Indic), which double.Parse rejects.
    [GeneratedRegex(@"[\[(]\s*(?<n>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?:\s*,\s*(?<n>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)){1,3}\s*[\])]",
        RegexOptions.CultureInvariant)]
    private static partial Regex Tuple();
}
