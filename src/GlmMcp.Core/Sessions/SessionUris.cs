namespace GlmMcp.Core.Sessions;

/// <summary>The <c>glm-mcp://sessions/{id}/{version}/…</c> addresses under which session versions are MCP resources.</summary>
public static class SessionUris
{
    public const string Scheme = "glm-mcp";
    public const string CodeFile = "index.html";
    public const string RenderFile = "render.png";
    public const string CodeTemplate = "glm-mcp://sessions/{id}/{version}/index.html";
    public const string RenderTemplate = "glm-mcp://sessions/{id}/{version}/render.png";

    public static string Code(string id, int version) => $"{Scheme}://sessions/{id}/{version}/{CodeFile}";

    public static string Render(string id, int version) => $"{Scheme}://sessions/{id}/{version}/{RenderFile}";

    /// <summary>Splits a session resource address into its parts; false for anything else.</summary>
    public static bool TryParse(string uri, out string id, out int version, out string file)
    {
        id = string.Empty;
        version = 0;
        file = string.Empty;
        const string prefix = Scheme + "://sessions/";
        if (!uri.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var parts = uri[prefix.Length..].Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version) ||
            parts[2] is not (CodeFile or RenderFile))
            return false;
        id = parts[0];
        file = parts[2];
        return true;
    }
}
