using GlmMcp.Core;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>
/// Turns <see cref="UserInputException"/> from any tool into a tool error whose text is the exception's message,
/// so the client (and its model) reads what to fix; other exceptions keep the SDK's generic message.
/// </summary>
public static class ToolErrorFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (UserInputException e)
            {
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = e.Message }] };
            }
            catch (McpException)
            {
                throw;
            }
        };
}
