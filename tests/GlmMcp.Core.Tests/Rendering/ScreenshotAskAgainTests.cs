using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Testing;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Core.Tests.Rendering;

/// <summary>
/// A screenshot whose tab draws no frame in time is asked again (the tab brought to the front) and the first answer is
/// used. The frame wait is shortened to 1 ms so that every capture takes that path.
/// </summary>
public sealed class ScreenshotAskAgainTests
{
    [Fact]
    public async Task A_capture_with_no_frame_within_the_wait_is_asked_again_and_the_render_still_returns_the_exact_page()
    {
        var logs = new ListLoggerProvider(LogLevel.Warning);
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var renderer = new PageRenderer(
            new RenderingOptions { ChromiumPath = "/usr/bin/chromium", FrameWait = TimeSpan.FromMilliseconds(1) }, new UrlPolicy([]), loggerFactory);

        var renders = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            renderer.RenderAsync(new RenderRequest { Html = RenderAssert.RedSquareHtml, Width = 320, Height = 240 })));

        foreach (var result in renders)
            RenderAssert.RedSquareAt(result.Image, 320, 240);
        lock (logs.Lines)
            Assert.Contains(logs.Lines, line => line.Contains("got no frame from its tab within", StringComparison.Ordinal) && line.Contains("asking again", StringComparison.Ordinal));
    }
}
