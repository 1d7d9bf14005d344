using Microsoft.Extensions.Hosting;

namespace GlmMcp.Core.Rendering;

/// <summary>Closes Chromium when the host stops, before the service provider is torn down, so no browser outlives the server.</summary>
internal sealed class RenderingShutdown(PageRenderer renderer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await renderer.DisposeAsync().ConfigureAwait(false);
}
