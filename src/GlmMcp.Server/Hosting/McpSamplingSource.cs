using GlmMcp.Inference.Sampling;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Hosting;

/// <summary>The MCP client behind a tool call, for the sampling engine.</summary>
// Sampling is deprecated from spec 2026-07-28 on, but clients speaking today's versions (VS Code among them) serve it,
// and it is the only way to borrow the client's model; the engine stays opt-in (--engine sampling).
#pragma warning disable MCP9005
public sealed class McpSamplingSource(McpServer server) : ISamplingSource
{
    public string ClientName => server.ClientInfo is { } info ? $"{info.Name} {info.Version}" : "unnamed client";

    public bool SupportsSampling => server.ClientCapabilities?.Sampling is not null;

    public IChatClient CreateChatClient() => server.AsSamplingChatClient();
}
#pragma warning restore MCP9005
