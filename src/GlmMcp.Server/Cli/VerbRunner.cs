using GlmMcp.Core;
using Microsoft.Extensions.Options;

namespace GlmMcp.Server.Cli;

/// <summary>Runs a verb body and turns the problems a user can fix into a message on stderr and exit code 2.</summary>
internal static class VerbRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UserInputException e)
        {
            return Fail(e.Message);
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
