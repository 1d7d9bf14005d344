using System.Globalization;
using System.Text.RegularExpressions;

namespace GlmMcp.Inference.Glm;

/// <summary>
/// Finds GLM grounding output in any bracket style — <c>[[x1,y1,x2,y2]]</c>, <c>[x1,y1,x2,y2]</c>,
/// <c>(x1,y1,x2,y2)</c>, several boxes in one list, points <c>[x,y]</c> — and maps it to pixels of the original
/// image: pixel = value / 1000 × size (GLM normalises to thousandths, 0–999), clamped to the image
/// (docs/glm-format.md, "Grounding").
/// </summary>
public static partial class GroundingBoxParser
{
    /// <summary>GLM's coordinates are thousandths of the image side.</summary>
    public const double NormalizationScale = 1000.0;

    public static IReadOnlyList<GroundingBox> Parse(string answer, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);

        var text = GlmAnswerParser.StripBoxes(answer);
        var boxes = new List<GroundingBox>();
        foreach (Match m in Tuple().Matches(text))
        {
            var values = m.Groups["n"].Captures.Select(c => double.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray();
            // Hundreds of digits parse to infinity, which has no pixel and cannot be written as JSON: not a box.
            if (!values.All(double.IsFinite))
                continue;
            if (values.Length == 4)
            {
                var (x1, x2) = Ordered(ToPixel(values[0], imageWidth), ToPixel(values[2], imageWidth));
                var (y1, y2) = Ordered(ToPixel(values[1], imageHeight), ToPixel(values[3], imageHeight));
                boxes.Add(new GroundingBox(x1, y1, x2, y2, IsPoint: false, values));
            }
            else if (values.Length == 2)
            {
                var x = ToPixel(values[0], imageWidth);
                var y = ToPixel(values[1], imageHeight);
                boxes.Add(new GroundingBox(x, y, x, y, IsPoint: true, values));
            }
        }

        return boxes;
    }

    private static int ToPixel(double value, int size) =>
        Math.Clamp((int)Math.Round(value / NormalizationScale * size, MidpointRounding.AwayFromZero), 0, size);

    private static (int Low, int High) Ordered(int a, int b) => a <= b ? (a, b) : (b, a);

    // An innermost bracket pair holding exactly two or four numbers; nested lists match their inner tuples. Digits are
    // ASCII only: \d also matches other scripts' digits (fullwidth, Arabic-Indic), which double.Parse rejects.
    [GeneratedRegex(@"[\[(]\s*(?<n>[0-9]+(?:\.[0-9]+)?)(?:\s*,\s*(?<n>[0-9]+(?:\.[0-9]+)?)){1,3}\s*[\])]", RegexOptions.CultureInvariant)]
    private static partial Regex Tuple();
}
