namespace GlmMcp.Server.Contract;

/// <summary><c>session_undo</c>'s structured result: the version the session is now at, where to read it, and the project files written back.</summary>
public sealed record SessionUndoResult(string SessionId, int Version, string Kind, string? Instruction, string CodeUri, string? RenderUri,
    IReadOnlyList<string>? RestoredFiles = null);
