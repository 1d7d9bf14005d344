using BenchmarkDotNet.Attributes;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Bench.Micro;

/// <summary>
/// The visual_diff hot loops, one by one, at 1080p and 4K: decode, compare (pixelmatch-exact, in both anti-aliasing
/// modes), regions, overlay drawing and encode; the PNG encode of a screenshot (truecolour path); and shrinking a
/// screenshot to the 1568-pixel long side of returned images, by area average beside Skia's Mitchell cubic (the
/// path before), drawing the overlay down to that size and encoding the drawn-down overlay (zlib level 1, beside 6).
/// </summary>
[MemoryDiagnoser]
public class ImagingBenchmarks
{
    private ImageDecoder _decoder = null!;
    private byte[] _png = null!;
    private RgbaImage _before = null!;
    private RgbaImage _after = null!;
    private DiffMap _map = null!;
    private IndexedImage _overlay = null!;
    private IndexedImage _returnedOverlay = null!;
    private IReadOnlyList<DiffRegion> _regions = null!;

    [Params(1920, 3840)]
    public int Width { get; set; }

    private int Height => Width * 9 / 16;

    [GlobalSetup]
    public void Setup()
    {
        _decoder = new ImageDecoder(new ImagingOptions());
        (_png, _) = ScreenshotPair.Png(Width, Height);
        (_before, _after) = ScreenshotPair.Decoded(Width, Height);
        _map = Compare();
        (_regions, _) = RegionFinder.Find(_map, mergeDistance: 16, maxRegions: 20);
        _overlay = DiffImageRenderer.Render(_before, _map, _regions, DiffImageKind.Overlay);
        _returnedOverlay = DiffImageRenderer.Shrink(_overlay, ReturnedSide, ReturnedSide * 9 / 16, DiffImageKind.Overlay);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _map.Dispose();
        _overlay.Dispose();
        _returnedOverlay.Dispose();
    }

    [Benchmark]
    public RgbaImage Decode() => _decoder.Decode(_png, "before");

    [Benchmark]
    public long CompareAndRelease()
    {
        using var map = Compare();
        return map.ChangedPixels;
    }

    [Benchmark]
    public int Regions() => RegionFinder.Find(_map, mergeDistance: 16, maxRegions: 20).Total;

    [Benchmark]
    public long CompareIncludingAntialiasing()
    {
        using var map = PixelmatchComparer.Compare(_before, _after, 0.1, includeAntialiasing: true, new PixelRect(0, 0, Width, Height), []);
        return map.ChangedPixels;
    }

    [Benchmark]
    public int DrawOverlay()
    {
        using var overlay = DiffImageRenderer.Render(_before, _map, _regions, DiffImageKind.Overlay);
        return overlay.Width;
    }

    [Benchmark]
    public int EncodeOverlayPng() => PngWriter.EncodeIndexed(_overlay).Length;

    /// <summary>The drawn-down overlay a tool returns, at zlib's fastest level (what visual_diff does).</summary>
    [Benchmark]
    public int EncodeReturnedOverlayPng() => PngWriter.EncodeIndexed(_returnedOverlay, PngWriter.FastZlibLevel).Length;

    /// <summary>The same at level 6, the path before.</summary>
    [Benchmark]
    public int EncodeReturnedOverlayPngAtLevel6() => PngWriter.EncodeIndexed(_returnedOverlay).Length;

    [Benchmark]
    public int EncodeScreenshotPng() => ImageEncoder.EncodePng(_before).Length;

    [Benchmark]
    public int DrawOverlayDownToReturnedSize()
    {
        using var small = DiffImageRenderer.Shrink(_overlay, ReturnedSide, ReturnedSide * 9 / 16, DiffImageKind.Overlay);
        return small.Width;
    }

    [Benchmark]
    public int ShrinkToReturnedSize() => ImageScaler.Shrink(_before, ReturnedSide, ReturnedSide * 9 / 16).Width;

    [Benchmark]
    public int ShrinkToReturnedSizeWithSkiaCubic() => ImageScaler.Resize(_before, ReturnedSide, ReturnedSide * 9 / 16).Width;

    /// <summary>The default long side of returned images (<c>Imaging:MaxReturnedImageSide</c>).</summary>
    private const int ReturnedSide = 1568;

    private DiffMap Compare() =>
        PixelmatchComparer.Compare(_before, _after, 0.1, includeAntialiasing: false, new PixelRect(0, 0, Width, Height), []);
}
