using GlmMcp.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// The allowed roots of one tool call: the folders the MCP client announces (plus any <c>--root</c>), or, when the
/// client has no roots capability or lists none, the working directory plus <c>--root</c>.
/// </summary>
public sealed class RootsResolver(AllowedRoots configured, IOptions<SecurityOptions> options, ILogger<RootsResolver> logger)
{
    /// <summary>How long a client may take to answer <c>roots/list</c> before the configured roots are used.</summary>
    private static readonly TimeSpan ClientAnswerTimeout = TimeSpan.FromSeconds(5);

    public AllowedRoots Configured => configured;

    // Roots are deprecated from spec 2026-07-28 on, but today's clients (VS Code, Cursor, Claude Desktop) send them and
    // they are how a client scopes a server to the open workspace.
#pragma warning disable MCP9005
    public async ValueTask<AllowedRoots> GetAsync(McpServer? server, CancellationToken cancellationToken)
    {
        if (server?.ClientCapabilities?.Roots is null)
            return configured;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClientAnswerTimeout);
        try
        {
            var result = await server.RequestRootsAsync(new ListRootsRequestParams(), timeout.Token);
            var folders = result.Roots
                .Select(r => Uri.TryCreate(r.Uri, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : null)
                .OfType<string>()
                .ToList();
            return folders.Count == 0 ? configured : new AllowedRoots(folders.Concat(options.Value.Roots));
        }
        catch (Exception e) when (e is McpException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The client declared roots but roots/list failed; using the configured roots.");
            return configured;
        }
    }
#pragma warning restore MCP9005
}
