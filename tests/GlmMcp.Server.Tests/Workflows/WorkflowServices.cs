using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Sessions;
using GlmMcp.Server.Hosting;
using GlmMcp.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>
/// The server's real services (Chromium renderer and element probe, differ, sessions in a temp workspace, GLM answer
/// reader), built once per test class; only the model is scripted.
/// </summary>
public sealed class WorkflowServices : IAsyncLifetime
{
    private ServiceProvider? _provider;

    public TempFolder Folder { get; } = new();

    public IServiceProvider Provider => _provider ?? throw new InvalidOperationException("Not initialised.");

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public SessionStore Sessions => Get<SessionStore>();

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sessions:Workspace"] = Path.Join(Folder.Path, "sessions"),
            ["Rendering:ChromiumPath"] = "/usr/bin/chromium",
            // Parallel-edit tests queue more renders than the pool has slots; on a loaded machine the last must not give up waiting.
            ["Rendering:TimeoutSeconds"] = "60",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGlmMcp(configuration);
        _provider = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    /// <summary>Renders HTML with the server's renderer and decodes it.</summary>
    public async Task<(RgbaImage Image, byte[] Png)> RenderAsync(string html, int width, int height)
    {
        var render = await Get<IPageRenderer>().RenderAsync(new RenderRequest { Html = html, Width = width, Height = height });
        return (Get<ImageDecoder>().Decode(render.Image, "render"), render.Image);
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
            await _provider.DisposeAsync();
        Folder.Dispose();
    }
}
