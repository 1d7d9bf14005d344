using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// Bursts of <c>render_page</c> calls over stdio, three times more than the server has tabs, as an agent (or several
/// agents behind one IDE) sends them. Each screenshot must come back, from its own page, without Chromium restarting.
/// </summary>
[Collection(SharedChromiumCollection.Name)]
public sealed class ConcurrentRenderPageTests
{
    private const int Rounds = 12;
    private const int CallsPerRound = 6;
    private const int Width = 1280;
    private const int Height = 800;

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Bursts_of_three_times_more_render_page_calls_than_tabs_all_return_their_own_page_on_one_browser()
    {
        await using var server = await StdioServer.StartAsync(
            ["--log-level", "Information"],
            new Dictionary<string, string?> { ["GLM_MCP_Rendering__PoolSize"] = "2", ["GLM_MCP_Rendering__MaxQueuedPerClient"] = "8" });

        for (var round = 0; round < Rounds; round++)
        {
            var pages = Enumerable.Range(round * CallsPerRound, CallsPerRound).ToArray();
            var results = await Task.WhenAll(pages.Select(page => server.Client.CallToolAsync("render_page", new Dictionary<string, object?>
            {
                ["html"] = RenderPages.DocsPage(page),
                ["width"] = Width,
                ["height"] = Height,
            }).AsTask()));
            for (var i = 0; i < pages.Length; i++)
            {
                Assert.True(results[i].IsError != true,
                    $"round {round}, page {pages[i]}: {(results[i].Content[0] as TextContentBlock)?.Text}");
                var image = Assert.IsType<ImageContentBlock>(results[i].Content[0]);
                using var bitmap = SkiaSharp.SKBitmap.Decode(image.DecodedData.Span);
                Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));
                var pixel = bitmap.GetPixel(Width - 10, Height - 10);
                Assert.Equal(RenderPages.ColourOf(pages[i]), (pixel.Red, pixel.Green, pixel.Blue));
            }
        }

        // A tab that would not close after a stuck screenshot costs the whole browser: Chromium started only once.
        lock (server.Stderr)
            Assert.Single(server.Stderr, line => line.Contains("Chromium /", StringComparison.Ordinal) && line.Contains(" started in ", StringComparison.Ordinal));
    }
}
