namespace GlmMcp.Core;

/// <summary>
/// A problem the caller can fix (bad argument, missing file, path outside the roots, engine not configured…).
/// The message says what is wrong and what to do; the MCP server passes it to the client as a tool error and
/// the CLI prints it with exit code 2. Anything else that escapes is a bug and is reported generically.
/// </summary>
public class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception inner) : base(message, inner) { }
}
