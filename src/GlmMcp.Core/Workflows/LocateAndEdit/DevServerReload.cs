using System.Net;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// Knows when a dev server has picked up a source file written on disk: Vite serves every file it builds at
/// <c>/@fs/&lt;absolute path&gt;</c>, and the module it serves there changes (its inline source map carries the source)
/// once its watcher has seen the change. A server that serves no such module (not Vite) gets a fixed pause instead.
/// </summary>
public sealed class DevServerReload(HttpClient http)
{
    /// <summary>How long a dev server may take to serve the changed file.</summary>
    public static readonly TimeSpan PickupTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The pause after a write for a server that does not serve modules at <c>/@fs/</c>.</summary>
    public static readonly TimeSpan UnknownServerPause = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>What the server serves for <paramref name="path"/> now; null when it serves nothing there (not Vite).</summary>
    public async Task<string?> ServedAsync(Uri page, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(ModuleUri(page, path), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the server serves something other than <paramref name="before"/> for <paramref name="path"/>
    /// (or, with no <paramref name="before"/>, for <see cref="UnknownServerPause"/>). Throws when it does not within
    /// <see cref="PickupTimeout"/>.
    /// </summary>
    public async Task WaitForChangeAsync(Uri page, string path, string? before, string name, CancellationToken cancellationToken)
    {
        if (before is null)
        {
            await Task.Delay(UnknownServerPause, cancellationToken).ConfigureAwait(false);
            return;
        }
        var deadline = DateTime.UtcNow + PickupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = await ServedAsync(page, path, cancellationToken).ConfigureAwait(false);
            if (now is not null && !string.Equals(now, before, StringComparison.Ordinal))
                return;
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
        throw new UserInputException(
            $"The dev server at {page.GetLeftPart(UriPartial.Authority)} did not pick up the change to {name} within {PickupTimeout.TotalSeconds:0} s " +
            "(it still serves the old module); the file was put back as it was. Check that the dev server is running and watching that file, then run the edit again.");
    }

    private static Uri ModuleUri(Uri page, string path) => new(page, "/@fs" + string.Join('/', path.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)));
}
