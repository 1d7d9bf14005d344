using GlmMcp.Core.Rendering;

namespace GlmMcp.Server.Contract;

/// <summary><c>render_page</c>'s structured result: size, time, and what the sandbox blocked or the page logged.</summary>
public sealed record RenderPageResult(
    int Width,
    int Height,
    long ElapsedMs,
    IReadOnlyList<string> BlockedRequests,
    IReadOnlyList<string> ConsoleErrors)
{
    public static RenderPageResult From(RenderResult result) =>
        new(result.Width, result.Height, result.ElapsedMs, result.BlockedRequests, result.ConsoleErrors);
}
