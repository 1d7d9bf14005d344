using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Documents;

/// <summary>
/// The server's renderer (which draws PDFs and samples videos) and the Chromium that makes the test PDFs and videos
/// (<see cref="TestMedia"/>), started once for a test class.
/// </summary>
public sealed class DocumentMediaFixture : IAsyncLifetime
{
    public PageRenderer Renderer { get; } = new(new RenderingOptions { ChromiumPath = "/usr/bin/chromium", TimeoutSeconds = 30 }, new UrlPolicy([]));

    public TestMedia Media { get; private set; } = null!;

    public async Task InitializeAsync() => Media = await TestMedia.StartAsync();

    public async Task DisposeAsync()
    {
        await Renderer.DisposeAsync();
        await Media.DisposeAsync();
    }
}
