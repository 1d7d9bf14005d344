using BenchmarkDotNet.Attributes;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.ScreenshotToCode;

namespace GlmMcp.Bench.Micro;

/// <summary>The screenshot_to_code judge at 1280×800: preparing the target once, then scoring a render.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private RgbaImage _target = null!;
    private RgbaImage _render = null!;
    private LayoutTarget _prepared = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_target, _render) = ScreenshotPair.Decoded(1280, 800);
        _prepared = LayoutScorer.Prepare(_target);
    }

    [Benchmark]
    public LayoutTarget PrepareTarget() => LayoutScorer.Prepare(_target);

    [Benchmark]
    public double Score() => LayoutScorer.Score(_prepared, _render).Total;
}
