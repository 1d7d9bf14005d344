using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Testing.Fidelity;

namespace GlmMcp.Core.Tests.Workflows;

/// <summary>The fidelity corpus rendered once in real Chromium (one seed per mutation kind and page) and judged.</summary>
public sealed class FidelityFixture : IAsyncLifetime
{
    public FidelityCorpusRenders Renders { get; private set; } = null!;

    public JudgeEvaluation Judged { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A render Chromium does not finish in 30 s is reported in Renders.Failed (bounded by a test), not waited on.
        await using var renderer = new PageRenderer(new RenderingOptions { ChromiumPath = "/usr/bin/chromium", PoolSize = 2, TimeoutSeconds = 30 }, new UrlPolicy([]));
        Renders = await FidelityRun.RenderAsync(renderer, FidelityCorpus.Pages, seeds: 1, parallel: 2);
        Judged = JudgeEvaluation.Run(Renders.Cases);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
