using System.ComponentModel;
using System.Globalization;
using GlmMcp.Core;
using GlmMcp.Core.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace GlmMcp.Server.Resources;

/// <summary>
/// Every session version as MCP resources: <c>glm-mcp://sessions/{id}/{version}/index.html</c> (the code) and
/// <c>…/render.png</c> (its render). The two templates read any version; <see cref="ListAsync"/> lists the concrete
/// addresses of every version on disk, newest session first. Only sessions created under the caller's roots are listed
/// or read (<see cref="Hosting.CallerRootsFilter"/>).
/// </summary>
[McpServerResourceType]
public sealed class SessionResources(SessionStore sessions)
{
    /// <summary>At most this many resources per <c>resources/list</c> page.</summary>
    public const int PageSize = 200;

    [McpServerResource(UriTemplate = SessionUris.CodeTemplate, Name = "session_code", Title = "Session page code", MimeType = "text/html")]
    [Description("The code of one version of a screenshot_to_code / locate_and_edit session.")]
    public async Task<TextResourceContents> ReadCodeAsync(string id, string version, CancellationToken cancellationToken)
    {
        var number = ParseVersion(version);
        var code = await Translate(() => sessions.ReadCodeAsync(id, number, cancellationToken));
        return new TextResourceContents { Uri = SessionUris.Code(id, number), MimeType = "text/html", Text = code };
    }

    [McpServerResource(UriTemplate = SessionUris.RenderTemplate, Name = "session_render", Title = "Session page render", MimeType = "image/png")]
    [Description("The Chromium render (PNG) of one version of a session.")]
    public async Task<BlobResourceContents> ReadRenderAsync(string id, string version, CancellationToken cancellationToken)
    {
        var number = ParseVersion(version);
        var png = await Translate(() => sessions.ReadRenderAsync(id, number, cancellationToken))
                  ?? throw NotFound($"Version {number} of session {id} was saved without a render.");
        return BlobResourceContents.FromBytes(png, SessionUris.Render(id, number), "image/png");
    }

    /// <summary>
    /// The <c>resources/list</c> handler: every version's code and render, paged by <see cref="PageSize"/>. A damaged
    /// session is left out (with a warning in the log) so the others stay listed; reading it names what is wrong.
    /// </summary>
    public static async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> context, CancellationToken cancellationToken)
    {
        var store = context.Services!.GetRequiredService<SessionStore>();
        var all = new List<Resource>();
        foreach (var session in await store.ListAsync(cancellationToken))
        {
            IReadOnlyList<SessionVersion> versions;
            try
            {
                versions = await store.ListVersionsAsync(session.Id, cancellationToken);
            }
            catch (UserInputException e)
            {
                context.Services!.GetRequiredService<ILogger<SessionResources>>().LogWarning("Not listing a session: {Problem}", e.Message);
                continue;
            }
            foreach (var v in versions.Reverse())
            {
                var label = $"session {session.Id} v{v.Number}{(v.Number == session.Current ? " (current)" : "")}";
                var about = $"{v.Kind}{(v.Instruction is null ? "" : ": " + v.Instruction)}{(v.Score is { } s ? string.Create(CultureInfo.InvariantCulture, $" (score {s:0.#})") : "")}";
                all.Add(new Resource { Uri = v.CodeUri, Name = label + " index.html", MimeType = "text/html", Description = about });
                if (v.RenderUri is { } render)
                    all.Add(new Resource { Uri = render, Name = label + " render.png", MimeType = "image/png", Description = about });
            }
        }
        var start = int.TryParse(context.Params?.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
        var page = all.Skip(start).Take(PageSize).ToList();
        return new ListResourcesResult
        {
            Resources = page,
            NextCursor = start + PageSize < all.Count ? (start + PageSize).ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static int ParseVersion(string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw NotFound($"'{version}' is not a version number; session resources look like {SessionUris.CodeTemplate}.");

    /// <summary>
    /// "Resource not found" (-32002; the SDK sends -32602 to clients of protocol versions that use that instead), saying
    /// what is missing.
    /// </summary>
    private static McpProtocolException NotFound(string message, Exception? inner = null) => inner is null
        ? new($"Resource not found: {message}", McpErrorCode.ResourceNotFound)
        : new($"Resource not found: {message}", inner, McpErrorCode.ResourceNotFound);

    /// <summary>
    /// Resource reads have no tool-error channel: a session or version that does not exist (or belongs to another
    /// workspace) is "resource not found" (-32002), a damaged one an MCP error; both carry the store's message.
    /// </summary>
    private static async Task<T> Translate<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (SessionNotFoundException e)
        {
            throw NotFound(e.Message, e);
        }
        catch (UserInputException e)
        {
            throw new McpException(e.Message, e);
        }
    }
}
