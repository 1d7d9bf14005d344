using GlmMcp.Core.Security;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// What <see cref="IElementProbe"/> renders: tagged HTML text (offline, a session's page), or an HTML file under
/// <see cref="Roots"/> loaded from its own folder (so its stylesheets, scripts and images load) with
/// <see cref="Files"/> served in place of what is on disk (the tagged page itself, stylesheets being edited).
/// </summary>
public sealed record ProbePage(string? Html, string? FilePath = null, AllowedRoots? Roots = null, IReadOnlyDictionary<string, string>? Files = null)
{
    public static ProbePage Text(string taggedHtml) => new(taggedHtml);

    /// <summary>The file at <paramref name="path"/>, rendered with <paramref name="files"/> (real path → text) served instead of the disk's.</summary>
    public static ProbePage File(string path, AllowedRoots roots, IReadOnlyDictionary<string, string> files) => new(null, path, roots, files);
}
