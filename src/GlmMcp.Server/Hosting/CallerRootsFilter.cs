using GlmMcp.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Resolves the allowed roots once per tool call and resource request (<see cref="RootsResolver"/>) and runs the
/// request under them (<see cref="CallerRoots"/>): sessions a tool creates record them, and only sessions created
/// under them are listed, read or changed, so one workspace's client never sees another's sessions.
/// </summary>
public static class CallerRootsFilter
{
    public static McpRequestHandler<TParams, TResult> Create<TParams, TResult>(McpRequestHandler<TParams, TResult> next) =>
        async (context, cancellationToken) =>
        {
            var roots = await context.Services!.GetRequiredService<RootsResolver>().GetAsync(context.Server, cancellationToken);
            using var scope = CallerRoots.Begin(roots);
            return await next(context, cancellationToken);
        };
}
