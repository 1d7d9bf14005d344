using GlmMcp.Core.Rendering;

namespace GlmMcp.Core.Tests.Rendering;

/// <summary>One renderer for the tests that do not care about its lifecycle, so Chromium starts once.</summary>
public sealed class SharedRendererFixture : IAsyncLifetime
{
    public PageRenderer Renderer { get; } = RendererFactory.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Renderer.DisposeAsync();
}
