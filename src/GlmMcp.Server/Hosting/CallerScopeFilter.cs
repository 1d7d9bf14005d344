using GlmMcp.Core.Concurrency;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Runs each tool call as its MCP session (<see cref="CallerScope"/>), so the render pool and the local model queue
/// share their slots fairly between HTTP clients. Over stdio there is one client and no session id.
/// </summary>
public static class CallerScopeFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            using var caller = CallerScope.Begin(context.Server.SessionId);
            return await next(context, cancellationToken);
        };
}
