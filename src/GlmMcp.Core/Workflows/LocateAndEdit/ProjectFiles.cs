using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;

namespace GlmMcp.Core.Workflows.LocateAndEdit;

/// <summary>
/// The files of a page edited by path: the HTML file and the stylesheet files it loads, all under the roots (real
/// paths), with the text each had when the edit read it. A page that tries to load a file outside the roots is
/// refused whole: it cannot be rendered as it really looks, and the file is neither shown to the model nor written.
/// </summary>
internal sealed class ProjectFiles(string htmlPath, AllowedRoots roots)
{
    private readonly Dictionary<string, string> _sheets = new(StringComparer.Ordinal);

    public string HtmlPath { get; } = htmlPath;

    public AllowedRoots Roots { get; } = roots;

    /// <summary>The stylesheet files the page loads: real path → text as read.</summary>
    public IReadOnlyDictionary<string, string> Sheets => _sheets;

    private string Folder => Path.GetDirectoryName(HtmlPath)!;

    /// <summary>Checks what the first render loaded and reads the stylesheet files.</summary>
    public async Task LoadAsync(PageLayout layout, CancellationToken cancellationToken)
    {
        var outside = layout.Blocked.Where(IsFileUrl).ToList();
        if (outside.Count > 0)
            throw new UserInputException(
                $"{NameOf(HtmlPath)} loads {string.Join(", ", outside.Take(3).Select(u => InputEcho.Truncate(u)))}, which lie{(outside.Count == 1 ? "s" : "")} outside the allowed roots " +
                "(a symbolic link counts where it leads). locate_and_edit renders and edits a page only when every file it loads is under the roots: " +
                "move the file under the project, or add its folder as a root.");
        foreach (var url in layout.StyleSheets)
            await AddAsync(url, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rules as the prompt shows them; a rule of a stylesheet not read yet (an <c>@import</c>) reads it.</summary>
    public async Task<IReadOnlyList<ShownRule>> ShowAsync(IReadOnlyList<MatchedCssRule> rules, CancellationToken cancellationToken)
    {
        var shown = new List<ShownRule>();
        foreach (var rule in rules)
        {
            var path = await AddAsync(rule.SourceUrl, cancellationToken).ConfigureAwait(false);
            var specificity = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rule.Specificity.Ids},{rule.Specificity.Classes},{rule.Specificity.Types}");
            if (rule.Inline || path == HtmlPath)
                shown.Add(new ShownRule(NameOf(HtmlPath), rule.Line, rule.Selector, rule.Declarations, specificity, false));
            else if (path is not null)
                shown.Add(new ShownRule(NameOf(path), rule.Line, rule.Selector, rule.Declarations, specificity, true));
        }
        return shown;
    }

    /// <summary>A path as the model and the diff see it: relative to the page's folder, with '/'.</summary>
    public string NameOf(string path)
    {
        var relative = Path.GetRelativePath(Folder, path);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? path : relative).Replace('\\', '/');
    }

    /// <summary>The stylesheet a model's label names: as listed, by its absolute path, or by its file name when that is unique.</summary>
    public string? Find(string label)
    {
        var trimmed = label.Trim().TrimStart('.', '/');
        var byName = _sheets.Keys.Where(p => NameOf(p) == label.Trim() || NameOf(p).TrimStart('.', '/') == trimmed || p == label.Trim()).ToList();
        if (byName.Count == 1)
            return byName[0];
        var byFile = _sheets.Keys.Where(p => Path.GetFileName(p) == Path.GetFileName(trimmed)).ToList();
        return byFile.Count == 1 ? byFile[0] : null;
    }

    private async Task<string?> AddAsync(string url, CancellationToken cancellationToken)
    {
        if (!url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return null;
        string path;
        try
        {
            path = Roots.ResolveExistingFile(url, "stylesheet");
        }
        catch (UserInputException)
        {
            return null;
        }
        if (path != HtmlPath && !_sheets.ContainsKey(path))
            _sheets[path] = await VerifiedFile.ReadAllTextAsync(path, "stylesheet", cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static bool IsFileUrl(string url) => url.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}
