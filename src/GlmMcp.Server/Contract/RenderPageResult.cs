using GlmMcp.Core.Rendering;

namespace GlmMcp.Server.Contract;

/// <summary><c>render_page</c>'s structured result: the full render's size, time, what the sandbox blocked or the page logged, and the returned image's size.</summary>
public sealed record RenderPageResult(
    int Width,
    int Height,
    long ElapsedMs,
    IReadOnlyList<string> BlockedRequests,
    IReadOnlyList<string> ConsoleErrors,
    ReturnedImage? Image)
{
    /// <summary>The result; <paramref name="image"/> is the size of the image returned beside it (none for the CLI, which writes a file).</summary>
    public static RenderPageResult From(RenderResult result, ReturnedImage? image) =>
        new(result.Width, result.Height, result.ElapsedMs, result.BlockedRequests, result.ConsoleErrors, image);
}
