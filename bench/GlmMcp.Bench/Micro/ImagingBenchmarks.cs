using BenchmarkDotNet.Attributes;
using GlmMcp.Core.Imaging;

namespace GlmMcp.Bench.Micro;

/// <summary>The visual_diff hot loops, one by one, at 1080p and 4K: decode, compare (pixelmatch-exact), regions, overlay encode.</summary>
[MemoryDiagnoser]
public class ImagingBenchmarks
{
    private ImageDecoder _decoder = null!;
    private byte[] _png = null!;
    private RgbaImage _before = null!;
    private RgbaImage _after = null!;
    private DiffMap _map = null!;
    private RgbaImage _overlay = null!;

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
        var (regions, _) = RegionFinder.Find(_map, mergeDistance: 16, maxRegions: 20);
        _overlay = DiffImageRenderer.Render(_before, _map, regions, DiffImageKind.Overlay);
    }

    [GlobalCleanup]
    public void Cleanup() => _map.Dispose();

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
    public int EncodeOverlayPng() => ImageEncoder.EncodePng(_overlay).Length;

    private DiffMap Compare() =>
        PixelmatchComparer.Compare(_before, _after, 0.1, includeAntialiasing: false, new PixelRect(0, 0, Width, Height), []);
}
