using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using GlmMcp.Core.Sessions;
using GlmMcp.Core.Workflows.LocateAndEdit;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Tools;

/// <summary>MCP tool <c>session_undo</c>: moves a session back to an earlier version.</summary>
[McpServerToolType]
public sealed class SessionUndoTool(SessionStore sessions, FileEditUndo files, RootsResolver roots)
{
    [McpServerTool(Name = "session_undo", Title = "Undo a session edit", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SessionUndoResult))]
    [Description("Undo the last change of a screenshot_to_code or locate_and_edit session, or go back to a given version. Later " +
                 "versions stay readable as resources. Files a locate_and_edit by path wrote (the page and its stylesheets) are written back " +
                 "as they were. Returns that version's code.")]
    public async Task<CallToolResult> SessionUndoAsync(
        McpServer server,
        [Description("The session to move back.")] string session_id,
        [Description("The version to return to; default: the current one's parent.")][Range(1, int.MaxValue)] int? version = null,
        CancellationToken cancellationToken = default)
    {
        var allowed = await roots.GetAsync(server, cancellationToken);
        var (current, restored) = await files.UndoAsync(session_id, version, allowed, cancellationToken);
        var code = await sessions.ReadCodeAsync(session_id, current.Number, cancellationToken);
        var structured = ToolResults.Structured(new SessionUndoResult(
            current.SessionId, current.Number, current.Kind, current.Instruction, current.CodeUri, current.RenderUri, restored.Count > 0 ? restored : null));
        return ToolResults.Create(structured,
        [
            ToolResults.Text(structured),
            new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = current.CodeUri, MimeType = "text/html", Text = code } },
        ]);
    }
}
