using Microsoft.Extensions.AI;

namespace GlmMcp.Inference.Sampling;

/// <summary>
/// The MCP client behind the current request, as the sampling engine sees it. The server implements it over
/// <c>McpServer</c>; Inference knows nothing of MCP.
/// </summary>
public interface ISamplingSource
{
    /// <summary>The client's name and version as it introduced itself (for messages and reports).</summary>
    string ClientName { get; }

    /// <summary>Whether the client declared the <c>sampling</c> capability.</summary>
    bool SupportsSampling { get; }

    /// <summary>A chat client that sends <c>sampling/createMessage</c> to the MCP client.</summary>
    IChatClient CreateChatClient();
}
