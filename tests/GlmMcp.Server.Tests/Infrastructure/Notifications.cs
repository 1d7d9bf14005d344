namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// MCP progress notifications are sent without waiting (the SDK's IProgress is fire-and-forget), so one may reach the
/// client just after the tool's result. These wait for it instead of reading the collection at one instant.
/// </summary>
internal static class Notifications
{
    private static readonly TimeSpan _delivery = TimeSpan.FromSeconds(10);

    /// <summary>Waits until <paramref name="received"/> holds an item matching <paramref name="match"/>, then asserts it.</summary>
    public static async Task ArriveAsync<T>(IReadOnlyCollection<T> received, Func<T, bool> match)
    {
        var until = DateTime.UtcNow + _delivery;
        while (!received.Any(match) && DateTime.UtcNow < until)
            await Task.Delay(20);
        Assert.Contains(received, item => match(item));
    }
}
