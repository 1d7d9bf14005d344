namespace GlmMcp.Bench.Soak;

/// <summary>One call of the soak run: its phase, what it was, how long it took and how it ended.</summary>
internal sealed record SoakCall(string Phase, string Name, double Milliseconds, string Outcome, string? Detail)
{
    /// <summary>Answered.</summary>
    public const string Ok = "ok";

    /// <summary>Failed with a clear tool error where failing is expected (a hostile argument, a misbehaving model, a kill).</summary>
    public const string ClearError = "clear error";

    /// <summary>Refused with a clear "busy, try again" error: the bounded queue shedding load under a burst.</summary>
    public const string Busy = "busy";

    /// <summary>A generic error, a transport failure, a hang or an unexpected tool error.</summary>
    public const string Failed = "FAILED";
}
