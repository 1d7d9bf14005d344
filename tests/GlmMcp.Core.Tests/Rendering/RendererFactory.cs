using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Rendering;

internal static class RendererFactory
{
    public static PageRenderer Create(int timeoutSeconds = 15, int poolSize = 2) =>
        new(new RenderingOptions { TimeoutSeconds = timeoutSeconds, PoolSize = poolSize, ChromiumPath = "/usr/bin/chromium" },
            new UrlPolicy([]));
}
