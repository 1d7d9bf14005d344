using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>Options for an MCP client that declares the roots capability and answers <c>roots/list</c> with fixed folders, as an IDE does with its workspace.</summary>
#pragma warning disable MCP9005 // Roots are deprecated from spec 2026-07-28 on; today's clients still send them.
public static class AnnouncedRoots
{
    /// <summary>Folders (absolute paths) or <c>file:</c> URIs, announced as the client's roots.</summary>
    public static McpClientOptions Announcing(params string[] folders) => new()
    {
        Capabilities = new ClientCapabilities { Roots = new RootsCapability() },
        Handlers = new McpClientHandlers
        {
            RootsHandler = (_, _) => ValueTask.FromResult(new ListRootsResult
            {
                Roots = folders.Select(f => new Root { Uri = f.StartsWith("file:", StringComparison.Ordinal) ? f : new Uri(f).AbsoluteUri }).ToList(),
            }),
        },
    };
}
