namespace GlmMcp.Core.Sessions;

/// <summary>
/// A session, or a version of one, that does not exist or lies outside the caller's roots (both answer the same, so a
/// client cannot learn of another workspace's sessions). MCP resource reads turn it into "resource not found".
/// </summary>
public sealed class SessionNotFoundException : UserInputException
{
    public SessionNotFoundException(string message) : base(message) { }
}
