using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// One Chromium (a <see cref="PageRenderer"/> with the default settings) for the in-process servers of the tests in
/// <see cref="SharedChromiumCollection"/>; launched at the first render, closed when the last of those tests is done.
/// </summary>
public sealed class SharedChromium : IAsyncLifetime
{
    public PageRenderer Renderer { get; } = new(new RenderingOptions(), new UrlPolicy([]));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Renderer.DisposeAsync();
}
