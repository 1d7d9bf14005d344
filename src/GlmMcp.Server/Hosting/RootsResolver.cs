using GlmMcp.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// The allowed roots of one tool call. The configured roots are the working directory plus <c>--root</c>. Roots an MCP
/// client announces can only narrow them (the folders both allow), over HTTP always and over stdio when <c>--root</c> is
/// given, so a client that sends <c>file:///</c> gets no more than the server allows. Over stdio without <c>--root</c>
/// the client's roots replace the working directory (the client started the server as its own user). A client without
/// the roots capability, or that lists none, gets the configured roots. Within a request whose roots
/// <see cref="CallerRootsFilter"/> has set, those are the answer.
/// </summary>
public sealed class RootsResolver(AllowedRoots configured, IOptions<SecurityOptions> options, ILogger<RootsResolver> logger, IOptions<HttpTransportOptions> http)
{
    /// <summary>How long a client may take to answer <c>roots/list</c> before the configured roots are used.</summary>
    private static readonly TimeSpan ClientAnswerTimeout = TimeSpan.FromSeconds(5);

    public AllowedRoots Configured => configured;

    // Roots are deprecated from spec 2026-07-28 on, but today's clients (VS Code, Cursor, Claude Desktop) send them and
    // they are how a client scopes a server to the open workspace.
#pragma warning disable MCP9005
    public async ValueTask<AllowedRoots> GetAsync(McpServer? server, CancellationToken cancellationToken)
    {
        // Inside a request that CallerRootsFilter already resolved them for: one roots/list per request.
        if (CallerRoots.Current is { } resolved)
            return resolved;
        if (server?.ClientCapabilities?.Roots is null)
            return configured;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClientAnswerTimeout);
        try
        {
            var result = await server.RequestRootsAsync(new ListRootsRequestParams(), timeout.Token);
            var announced = AllowedRoots.FromFileUris(result.Roots.Select(r => r.Uri));
            if (announced.Roots.Count == 0)
                return configured;
            if (!http.Value.Enabled && options.Value.Roots.Count == 0)
                return announced;
            var common = configured.Intersect(announced);
            if (common.Roots.Count == 0)
            {
                logger.LogWarning("The client's roots ({Announced}) lie outside the server's ({Configured}); no folder is allowed for this call.",
                    string.Join(", ", announced.Roots), string.Join(", ", configured.Roots));
            }
            return common;
        }
        catch (Exception e) when (e is McpException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The client declared roots but roots/list failed; using the configured roots.");
            return configured;
        }
    }
#pragma warning restore MCP9005
}
