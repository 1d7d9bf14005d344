namespace GlmMcp.Server.Cli;

/// <summary>Process exit codes shared by every verb (documented in README: odiff uses 0/21/22, we use 0/1/2).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The verb ran and found a difference or a failed check (diff: images differ; doctor: a check failed).</summary>
    public const int Different = 1;

    /// <summary>A usage error (the command line does not parse), bad input or settings, or a file that cannot be
    /// written: the message on stderr says what to fix.</summary>
    public const int Error = 2;

    public const int Cancelled = 130;
}
