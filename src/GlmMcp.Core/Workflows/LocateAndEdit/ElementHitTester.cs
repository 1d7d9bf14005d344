using GlmMcp.Core.Imaging;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Chooses the element a region points at. When some element's box matches the region well (IoU at least
/// <see cref="GoodOverlap"/>: the user outlined it, or the model's grounding box found it) the best overlap wins;
/// otherwise (a small mark inside something bigger) the smallest element that encloses the region wins. Ties go to
/// the element painted on top at the region's centre, then to the deeper one.
/// </summary>
public static class ElementHitTester
{
    public const double GoodOverlap = 0.5;

    public static IReadOnlyList<HitCandidate> Rank(PixelRect region, PageLayout layout, TaggedHtml tagged)
    {
        var bySpan = tagged.Elements.ToDictionary(e => e.Span, StringComparer.Ordinal);
        var stack = layout.StackAtFocus.Select((span, i) => (span, i)).ToDictionary(p => p.span, p => p.i, StringComparer.Ordinal);
        var candidates = new List<HitCandidate>();
        foreach (var box in layout.Boxes)
        {
            if (!box.Visible || box.Box.IsEmpty || !bySpan.TryGetValue(box.Span, out var element))
                continue;
            var iou = Iou(region, box.Box);
            if (iou <= 0)
                continue;
            var encloses = box.Box.X <= region.X && box.Box.Y <= region.Y && box.Box.Right >= region.Right && box.Box.Bottom >= region.Bottom;
            candidates.Add(new HitCandidate(element, box.Box, iou, encloses, stack.GetValueOrDefault(box.Span, -1)));
        }
        if (candidates.Count == 0)
            return candidates;

        static int Stack(HitCandidate c) => c.StackIndex < 0 ? int.MaxValue : c.StackIndex;
        if (candidates.Max(c => c.Iou) >= GoodOverlap)
        {
            return candidates.OrderByDescending(c => Math.Round(c.Iou, 2)).ThenBy(Stack).ThenByDescending(c => c.Element.Depth).ToList();
        }
        return candidates
            .OrderBy(c => c.Encloses ? 0 : 1)
            .ThenBy(c => c.Encloses ? (long)c.Box.Width * c.Box.Height : 0)
            .ThenByDescending(c => c.Iou)
            .ThenBy(Stack)
            .ThenByDescending(c => c.Element.Depth)
            .ToList();
    }

    public static double Iou(PixelRect a, PixelRect b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0)
            return 0;
        var inter = (double)w * h;
        return inter / ((double)a.Width * a.Height + (double)b.Width * b.Height - inter);
    }
}
