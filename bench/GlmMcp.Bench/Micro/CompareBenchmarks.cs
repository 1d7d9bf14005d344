using BenchmarkDotNet.Attributes;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Bench.Micro;

/// <summary>
/// A refine round's comparison at 1280×800: the pixel diff with its overlay PNG and the judge's score, one after the
/// other (the previous path) and side by side (what the round does now).
/// </summary>
[MemoryDiagnoser]
public class CompareBenchmarks
{
    private readonly VisualDiffer _differ = new(new ImageLoader(new ImageDecoder(new ImagingOptions()), new UrlPolicy([])));
    private RgbaImage _render = null!;
    private LayoutTarget _prepared = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (target, render) = ScreenshotPair.Decoded(1280, 800);
        _render = render;
        _prepared = LayoutScorer.Prepare(target);
    }

    [Benchmark(Baseline = true)]
    public double InTurn() => InTurnComparison.Compare(_differ, _prepared, _render).Score.Total;

    [Benchmark]
    public async Task<double> SideBySide() => (await RenderComparison.CompareAsync(_differ, _prepared, _render)).Score.Total;
}
