using GlmMcp.Core;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Cli;

/// <summary>
/// Runs a verb body and turns the problems a user can fix into one message on stderr and exit code 2, never a stack
/// trace: bad input and settings, and files or folders the system refuses (an <c>--out</c> that cannot be written).
/// </summary>
internal static class VerbRunner
{
    public static Task<int> RunAsync(Func<Task<int>> body) => RunAsync(OptionNames.None, body);

    /// <summary>Runs <paramref name="body"/>; messages that name tool arguments are spelled with <paramref name="names"/>.</summary>
    public static async Task<int> RunAsync(OptionNames names, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UserInputException e)
        {
            return Fail(names.Rewrite(e.Message));
        }
        catch (OptionsValidationException e)
        {
            return Fail($"invalid settings: {string.Join(" ", e.Failures)}");
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OptionsValidationException))
        {
            // The host's start-up check reports each settings section that failed.
            return Fail($"invalid settings: {string.Join(" ", e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(x => x.Failures))}");
        }
        catch (InvalidDataException e) when (e.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"the settings file is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"glm-mcp: {message}");
        return ExitCodes.Error;
    }
}
