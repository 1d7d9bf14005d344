namespace GlmMcp.Core.Sessions;

/// <summary>
/// A session as it stands while a writer holds its lock (<see cref="SessionStore.UpdateAsync"/>): its state and the
/// code of its current version (empty when it has none yet). The version the writer returns is made from this one.
/// </summary>
public sealed record SessionHead(SessionInfo Session, string Code)
{
    /// <summary>The current version's number, 0 when the session has no version yet.</summary>
    public int Version => Session.Current;
}
