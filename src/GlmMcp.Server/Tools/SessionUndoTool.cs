using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Sessions;
using GlmMcp.Server.Contract;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>session_undo</c>: moves a session back to an earlier version.</summary>
[McpServerToolType]
public sealed class SessionUndoTool(SessionStore sessions)
{
    [McpServerTool(Name = "session_undo", Title = "Undo a session edit", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SessionUndoResult))]
    [Description("Undo the last change of a screenshot_to_code or locate_and_edit session, or go back to a given version. Later " +
                 "versions stay readable as resources. Returns that version's code.")]
    public async Task<CallToolResult> SessionUndoAsync(
        [Description("The session to move back.")] string session_id,
        [Description("The version to return to; default: the current one's parent.")][Range(1, int.MaxValue)] int? version = null,
        CancellationToken cancellationToken = default)
    {
        var current = await sessions.UndoAsync(session_id, version, cancellationToken);
        var code = await sessions.ReadCodeAsync(session_id, current.Number, cancellationToken);
        var structured = ToolResults.Structured(new SessionUndoResult(
            current.SessionId, current.Number, current.Kind, current.Instruction, current.CodeUri, current.RenderUri));
        return ToolResults.Create(structured,
        [
            ToolResults.Text(structured),
            new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = current.CodeUri, MimeType = "text/html", Text = code } },
        ]);
    }
}
