using System.Diagnostics;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Imaging;

/// <summary>
/// Compares two images the way pixelmatch 7.2.0 counts (see <see cref="PixelmatchComparer"/>), groups the changes
/// into regions and draws the diff picture. The <c>visual_diff</c> tool, the <c>glm-mcp diff</c> CLI and the
/// screenshot-to-code refine loop all come through here.
/// </summary>
public sealed class VisualDiffer(ImageLoader loader)
{
    /// <summary>Loads both images (in parallel) and compares them.</summary>
    public async Task<VisualDiffResult> DiffAsync(string before, string after, AllowedRoots roots, VisualDiffOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var started = Stopwatch.GetTimestamp();
        var loadBefore = Task.Run(() => loader.LoadAsync(before, roots, "before", cancellationToken), cancellationToken);
        var loadAfter = Task.Run(() => loader.LoadAsync(after, roots, "after", cancellationToken), cancellationToken);
        try
        {
            await Task.WhenAll(loadBefore, loadAfter).ConfigureAwait(false);
        }
        catch when (loadBefore.IsFaulted && loadBefore.Exception?.InnerException is UserInputException first)
        {
            // Report the before image's problem first, whichever task failed first.
            throw first;
        }
        var decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return Diff(await loadBefore.ConfigureAwait(false), await loadAfter.ConfigureAwait(false), options, decodeMs, started);
    }

    /// <summary>Compares two decoded images.</summary>
    public VisualDiffResult Diff(RgbaImage before, RgbaImage after, VisualDiffOptions options)
    {
        options.Validate();
        return Diff(before, after, options, 0, Stopwatch.GetTimestamp());
    }

    private static VisualDiffResult Diff(RgbaImage before, RgbaImage after, VisualDiffOptions options, double decodeMs, long started)
    {
        var (a, b, common) = Align(before, after, options.SizeMismatch);

        var mark = Stopwatch.GetTimestamp();
        using var map = PixelmatchComparer.Compare(a, b, options.Threshold, options.IncludeAntialiasing, common, options.IgnoreRegions);
        var compareMs = Stopwatch.GetElapsedTime(mark).TotalMilliseconds;

        mark = Stopwatch.GetTimestamp();
        var (regions, regionCount) = RegionFinder.Find(map, options.MergeDistance, options.MaxRegions);
        var regionsMs = Stopwatch.GetElapsedTime(mark).TotalMilliseconds;

        mark = Stopwatch.GetTimestamp();
        byte[]? png = null;
        FittedImage? returned = null;
        if (options.DiffImage != DiffImageKind.None)
        {
            using var picture = DiffImageRenderer.Render(a, map, regions, options.DiffImage);
            var longSide = Math.Max(picture.Width, picture.Height);
            var shrunk = options.ReturnedImageSide > 0 && longSide > options.ReturnedImageSide;
            if (shrunk)
            {
                var scale = (double)options.ReturnedImageSide / longSide;
                var (width, height) = (Math.Max(1, (int)Math.Round(picture.Width * scale)), Math.Max(1, (int)Math.Round(picture.Height * scale)));
                using var small = DiffImageRenderer.Shrink(picture, width, height, options.DiffImage);
                returned = new FittedImage(PngWriter.EncodeIndexed(small, PngWriter.FastZlibLevel), "image/png", width, height, picture.Width, picture.Height);
            }
            if (options.FullSizePng || !shrunk)
                png = PngWriter.EncodeIndexed(picture);
        }
        var encodeMs = Stopwatch.GetElapsedTime(mark).TotalMilliseconds;

        var totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var total = (long)a.Width * a.Height;
        return new VisualDiffResult(
            a.Width, a.Height, map.ChangedPixels, map.AntiAliasedPixels,
            Math.Round(100.0 * map.ChangedPixels / total, 4),
            map.ChangedPixels == 0, regions, regionCount, Math.Round(totalMs, 2))
        {
            DiffPng = png,
            ReturnedDiff = returned,
            Timings = new VisualDiffTimings(decodeMs, compareMs, regionsMs, encodeMs, totalMs),
        };
    }

    /// <summary>Brings both images to one size as <paramref name="mode"/> says; returns the area both really cover.</summary>
    private static (RgbaImage Before, RgbaImage After, PixelRect Common) Align(RgbaImage before, RgbaImage after, SizeMismatchMode mode)
    {
        if (before.Width == after.Width && before.Height == after.Height)
            return (before, after, new PixelRect(0, 0, before.Width, before.Height));
        switch (mode)
        {
            case SizeMismatchMode.Resize:
                return (before, ImageScaler.Resize(after, before.Width, before.Height), new PixelRect(0, 0, before.Width, before.Height));
            case SizeMismatchMode.Pad:
                var width = Math.Max(before.Width, after.Width);
                var height = Math.Max(before.Height, after.Height);
                var common = new PixelRect(0, 0, Math.Min(before.Width, after.Width), Math.Min(before.Height, after.Height));
                return (Pad(before, width, height), Pad(after, width, height), common);
            default:
                throw new UserInputException(
                    $"The images differ in size: before is {before.Width}×{before.Height}, after is {after.Width}×{after.Height}. " +
                    "Pass size_mismatch=pad to compare over both (the extra area counts as changed) or size_mismatch=resize to scale after to before's size.");
        }
    }

    private static RgbaImage Pad(RgbaImage image, int width, int height)
    {
        if (image.Width == width && image.Height == height)
            return image;
        var padded = RgbaImage.CreateTransparent(width, height);
        for (var y = 0; y < image.Height; y++)
            image.Row(y).CopyTo(padded.Row(y));
        return padded;
    }
}
