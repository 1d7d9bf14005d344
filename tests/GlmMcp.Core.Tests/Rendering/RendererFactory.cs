using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Tests.Rendering;

internal static class RendererFactory
{
    public static PageRenderer Create(int timeoutSeconds = 15, int poolSize = 2, string chromiumPath = "/usr/bin/chromium", bool prelaunch = true, int maxQueuedPerClient = 8) =>
        new(new RenderingOptions { TimeoutSeconds = timeoutSeconds, PoolSize = poolSize, ChromiumPath = chromiumPath, Prelaunch = prelaunch, MaxQueuedPerClient = maxQueuedPerClient },
            new UrlPolicy([]));
}
