using GlmMcp.Core;

namespace GlmMcp.Server.Cli;

/// <summary>Writes a verb's output file; a file the system refuses to write is a message naming the option, not a stack trace.</summary>
internal static class OutputFile
{
    public static async Task WriteAsync(string option, string path, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"'{option}' cannot be written to {path}: {e.Message} Give a file in a folder you can write to.", e);
        }
    }
}
